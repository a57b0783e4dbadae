using System.Text;

namespace Rayray.Testing.Fixtures;

/// <summary>
/// Small pictures in the formats whose size sits in a fixed header, written from each format's documented
/// layout: a valid header, then pixel data of the right length (flat grey where the format stores raw
/// samples, a placeholder where it would be compressed — no reader here decodes it).
/// </summary>
public static class HeaderImages
{
    /// <summary>ZSoft PCX, 8 bits in one plane, run-length encoded, with the 256-colour palette at the end.</summary>
    public static byte[] Pcx(int width, int height)
    {
        var b = new ByteBuffer(bigEndian: false);
        var bytesPerLine = (width + 1) / 2 * 2;
        b.Bytes([0x0A, 5, 1, 8]);
        b.U16(0);
        b.U16(0);
        b.U16(width - 1);
        b.U16(height - 1);
        b.U16(72);
        b.U16(72);
        b.Zeros(48 + 1);
        b.U8(1);
        b.U16(bytesPerLine);
        b.U16(1);
        b.Zeros(128 - b.Length);
        for (var row = 0; row < height; row++)
        {
            for (var left = bytesPerLine; left > 0; left -= Math.Min(left, 63))
                b.Bytes([(byte)(0xC0 | Math.Min(left, 63)), 0x80]);
        }
        b.U8(0x0C);
        b.Zeros(768);
        return b.ToArray();
    }

    /// <summary>A Netpbm picture: P1–P6 with a comment, P7 (PAM, RGB) or PF/Pf (PFM), with its pixel data.</summary>
    public static byte[] Netpbm(char magic, int width, int height)
    {
        var (header, data) = magic switch
        {
            '1' => ($"P1\n# rayray\n{width} {height}\n", Repeat("0 ", width * height)),
            '2' => ($"P2\n# rayray\n{width} {height}\n255\n", Repeat("128 ", width * height)),
            '3' => ($"P3\n# rayray\n{width} {height}\n255\n", Repeat("128 ", 3 * width * height)),
            '4' => ($"P4\n# rayray\n{width} {height}\n", new byte[(width + 7) / 8 * height]),
            '5' => ($"P5\n# rayray\n{width} {height}\n255\n", new byte[width * height]),
            '6' => ($"P6\n# rayray\n{width} {height}\n255\n", new byte[3 * width * height]),
            '7' => ($"P7\nWIDTH {width}\nHEIGHT {height}\nDEPTH 3\nMAXVAL 255\nTUPLTYPE RGB\nENDHDR\n", new byte[3 * width * height]),
            'F' => ($"PF\n{width} {height}\n-1.0\n", new byte[12 * width * height]),
            'f' => ($"Pf\n{width} {height}\n-1.0\n", new byte[4 * width * height]),
            _ => throw new ArgumentOutOfRangeException(nameof(magic), magic, "P1–P7, PF or Pf"),
        };
        return [.. Encoding.ASCII.GetBytes(header), .. data];

        static byte[] Repeat(string text, int count) => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat(text, count)));
    }

    /// <summary>
    /// A JP2 file (or JPX with <paramref name="brand"/> "jpx "): signature, ftyp, jp2h with ihdr and colr, jp2c, then
    /// the EXIF (a TIFF, in a "JpgTiffExif->JP2" uuid box) and XMP (in the XMP uuid box) given.
    /// </summary>
    public static byte[] Jp2(int width, int height, string brand = "jp2 ", byte[]? exifTiff = null, string? xmp = null)
    {
        var ihdr = Box("ihdr", b =>
        {
            b.U32(height);
            b.U32(width);
            b.U16(3);
            b.Bytes([7, 7, 0, 0]);
        });
        var colr = Box("colr", b =>
        {
            b.Bytes([1, 0, 0]);
            b.U32(16);
        });
        return
        [
            .. Box("jP  ", b => b.Bytes([0x0D, 0x0A, 0x87, 0x0A])),
            .. Box("ftyp", b =>
            {
                b.Ascii(brand);
                b.U32(0);
                b.Ascii(brand);
                b.Ascii("jp2 ");
            }),
            .. Box("jp2h", b => b.Bytes([.. ihdr, .. colr])),
            .. Box("jp2c", b => b.Bytes(J2c(width, height))),
            .. exifTiff is null ? [] : Box("uuid", b =>
            {
                b.Ascii("JpgTiffExif->JP2");
                b.Bytes(exifTiff);
            }),
            .. xmp is null ? [] : Box("uuid", b =>
            {
                b.Bytes([0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC]);
                b.Bytes(Encoding.UTF8.GetBytes(xmp));
            }),
        ];
    }

    /// <summary>A JPEG 2000 codestream: SOC, SIZ for three 8-bit components on a grid offset by (5, 3), a placeholder, EOC.</summary>
    public static byte[] J2c(int width, int height)
    {
        var b = new ByteBuffer();
        b.Bytes([0xFF, 0x4F, 0xFF, 0x51]);
        b.U16(38 + (3 * 3));
        b.U16(0);
        b.U32(width + 5);
        b.U32(height + 3);
        b.U32(5);
        b.U32(3);
        b.U32(width + 5);
        b.U32(height + 3);
        b.U32(0);
        b.U32(0);
        b.U16(3);
        for (var i = 0; i < 3; i++)
            b.Bytes([7, 1, 1]);
        b.Zeros(16);
        b.Bytes([0xFF, 0xD9]);
        return b.ToArray();
    }

    /// <summary>
    /// A JPEG XL codestream's start: FF 0A, the SizeHeader in its shortest form (multiples of 8 up to 256 in 5 bits,
    /// a width that is one of the seven ratios of the height left out) and default image metadata.
    /// </summary>
    public static byte[] JxlCodestream(int width, int height)
    {
        var bits = new List<bool>();
        void Put(long value, int count)
        {
            for (var i = 0; i < count; i++)
                bits.Add(((value >> i) & 1) == 1);
        }
        static bool Small(int side) => side % 8 == 0 && side <= 256;
        void Size(int side, bool small)
        {
            if (small)
            {
                Put((side / 8) - 1, 5);
                return;
            }
            var (selector, count) = side <= 512 ? (0, 9) : side <= 8192 ? (1, 13) : side <= 262144 ? (2, 18) : (3, 30);
            Put(selector, 2);
            Put(side - 1, count);
        }
        (int Num, int Den)[] ratios = [(1, 1), (12, 10), (4, 3), (3, 2), (16, 9), (5, 4), (2, 1)];
        var ratio = Array.FindIndex(ratios, r => (long)height * r.Num / r.Den == width) + 1;
        var small = Small(height) && (ratio > 0 || Small(width));
        Put(small ? 1 : 0, 1);
        Size(height, small);
        Put(ratio, 3);
        if (ratio == 0)
            Size(width, small);
        Put(1, 1);
        var bytes = new byte[2 + ((bits.Count + 7) / 8) + 16];
        bytes[0] = 0xFF;
        bytes[1] = 0x0A;
        for (var i = 0; i < bits.Count; i++)
        {
            if (bits[i])
                bytes[2 + (i / 8)] |= (byte)(1 << (i % 8));
        }
        return bytes;
    }

    /// <summary>The JPEG XL container: signature, ftyp "jxl ", a level box, the Exif and xml boxes given, then the codestream in jxlc or split over two jxlp.</summary>
    public static byte[] JxlContainer(int width, int height, bool partial = false, byte[]? exifTiff = null, string? xmp = null)
    {
        var codestream = JxlCodestream(width, height);
        byte[] boxes = partial
            ? [.. Box("jxlp", b => { b.U32(0); b.Bytes(codestream.AsSpan(0, 6)); }), .. Box("jxlp", b => { b.U32(0x80000001); b.Bytes(codestream.AsSpan(6)); })]
            : Box("jxlc", b => b.Bytes(codestream));
        return
        [
            .. Box("JXL ", b => b.Bytes([0x0D, 0x0A, 0x87, 0x0A])),
            .. Box("ftyp", b =>
            {
                b.Ascii("jxl ");
                b.U32(0);
                b.Ascii("jxl ");
            }),
            .. Box("jxll", b => b.U8(5)),
            .. exifTiff is null ? [] : Box("Exif", b =>
            {
                b.U32(0);
                b.Bytes(exifTiff);
            }),
            .. xmp is null ? [] : Box("xml ", b => b.Bytes(Encoding.UTF8.GetBytes(xmp))),
            .. boxes,
        ];
    }

    /// <summary>An icon (or cursor) holding one 32-bit bitmap image per size given.</summary>
    public static byte[] Ico(IReadOnlyList<(int Width, int Height)> sizes, bool cursor = false)
    {
        var b = new ByteBuffer(bigEndian: false);
        b.U16(0);
        b.U16(cursor ? 2 : 1);
        b.U16(sizes.Count);
        var offset = 6 + (16 * sizes.Count);
        var images = new List<byte[]>();
        foreach (var (width, height) in sizes)
        {
            var image = new ByteBuffer(bigEndian: false);
            image.U32(40);
            image.U32(width);
            image.U32(height * 2);
            image.U16(1);
            image.U16(32);
            image.Zeros(24);
            image.Zeros((width * height * 4) + (((width + 31) / 32 * 4) * height));
            images.Add(image.ToArray());
            b.Bytes([(byte)(width % 256), (byte)(height % 256), 0, 0]);
            b.U16(cursor ? 0 : 1);
            b.U16(cursor ? 0 : 32);
            b.U32(images[^1].Length);
            b.U32(offset);
            offset += images[^1].Length;
        }
        foreach (var image in images)
            b.Bytes(image);
        return b.ToArray();
    }

    /// <summary>An uncompressed 24-bit Truevision TGA, with the TGA 2.0 footer or without.</summary>
    public static byte[] Tga(int width, int height, bool footer = true)
    {
        var b = new ByteBuffer(bigEndian: false);
        b.Bytes([0, 0, 2]);
        b.Zeros(5);
        b.U16(0);
        b.U16(0);
        b.U16(width);
        b.U16(height);
        b.Bytes([24, 0x20]);
        b.Zeros(width * height * 3);
        if (footer)
        {
            b.U32(0);
            b.U32(0);
            b.Ascii("TRUEVISION-XFILE.\0");
        }
        return b.ToArray();
    }

    /// <summary>A scanline OpenEXR: magic, version 2, the required attributes (dataWindow offset to (10, 20)), the offset table and placeholder chunks.</summary>
    public static byte[] Exr(int width, int height)
    {
        var b = new ByteBuffer(bigEndian: false);
        b.Bytes([0x76, 0x2F, 0x31, 0x01]);
        b.U32(2);
        void Attribute(string name, string type, Action<ByteBuffer> value)
        {
            var v = new ByteBuffer(bigEndian: false);
            value(v);
            b.Ascii($"{name}\0{type}\0");
            b.U32(v.Length);
            b.Bytes(v.ToArray());
        }
        Attribute("channels", "chlist", v =>
        {
            foreach (var channel in new[] { "B", "G", "R" })
            {
                v.Ascii($"{channel}\0");
                v.U32(1);
                v.Zeros(4);
                v.U32(1);
                v.U32(1);
            }
            v.U8(0);
        });
        Attribute("compression", "compression", v => v.U8(0));
        Attribute("dataWindow", "box2i", v => Box2i(v, 10, 20, width, height));
        Attribute("displayWindow", "box2i", v => Box2i(v, 0, 0, width + 10, height + 20));
        Attribute("lineOrder", "lineOrder", v => v.U8(0));
        Attribute("pixelAspectRatio", "float", v => v.Bytes(BitConverter.GetBytes(1f)));
        Attribute("screenWindowCenter", "v2f", v => v.Zeros(8));
        Attribute("screenWindowWidth", "float", v => v.Bytes(BitConverter.GetBytes(1f)));
        b.U8(0);
        var table = b.Length;
        b.Zeros(8 * height);
        for (var y = 0; y < height; y++)
        {
            var chunk = b.Length;
            b.U32(20 + y);
            b.U32(3 * 2 * width);
            b.Zeros(3 * 2 * width);
            b.PatchU32(table + (8 * y), (uint)chunk);
        }
        return b.ToArray();

        static void Box2i(ByteBuffer v, int x, int y, int width, int height)
        {
            v.U32(x);
            v.U32(y);
            v.U32(x + width - 1);
            v.U32(y + height - 1);
        }
    }

    /// <summary>A big-endian DPX: 2048-byte header (file and image headers), then 10-bit RGB packed in 32-bit words.</summary>
    public static byte[] Dpx(int width, int height)
    {
        var b = new ByteBuffer();
        var dataLength = 4 * width * height;
        b.Ascii("SDPX");
        b.U32(2048);
        b.Ascii("V2.0\0\0\0\0");
        b.U32(2048 + dataLength);
        b.Zeros(768 - b.Length);
        b.U16(0);
        b.U16(1);
        b.U32(width);
        b.U32(height);
        b.Zeros(20);
        b.Bytes([50, 2, 2, 10]);
        b.U16(1);
        b.U16(0);
        b.U32(2048);
        b.Zeros(2048 - b.Length);
        b.Zeros(dataLength);
        return b.ToArray();
    }

    /// <summary>A Radiance picture: the header lines, the resolution string and flat (uncompressed) RGBE pixels.</summary>
    public static byte[] Radiance(int width, int height) =>
        [.. Encoding.ASCII.GetBytes($"#?RADIANCE\n# made by rayray's tests\nFORMAT=32-bit_rle_rgbe\nEXPOSURE=1.0\n\n-Y {height} +X {width}\n"), .. new byte[4 * width * height]];

    /// <summary>
    /// A Paint Shop Pro file: signature, version (5.0 is PSP 7; 3.0, PSP 5, has two lengths in each block header and
    /// no chunk length in the attributes) and the General Image Attributes block.
    /// </summary>
    public static byte[] Psp(int width, int height, int majorVersion = 5)
    {
        var b = new ByteBuffer(bigEndian: false);
        var modern = majorVersion > 3;
        b.Ascii("Paint Shop Pro Image File\n\x1a\0\0\0\0\0");
        b.U16(majorVersion);
        b.U16(0);
        b.Ascii("~BK\0");
        b.U16(0);
        // From version 4: the block's length, then the attributes' own chunk length; before: initial and total length.
        b.U32(modern ? 46 : 42);
        b.U32(modern ? 46 : 42);
        b.U32(width);
        b.U32(height);
        b.Bytes(BitConverter.GetBytes(72.0));
        b.U8(1);
        b.U16(2);
        b.U16(24);
        b.U16(3);
        b.U32(1 << 24);
        b.U8(0);
        b.U32(3 * width * height);
        b.U32(0);
        b.U16(1);
        b.U32(0);
        return b.ToArray();
    }

    /// <summary>
    /// A GIMP XCF version 11 header (RGB at 8-bit gamma precision), a compression property, the parasites property
    /// with the EXIF ("exif-data") and XMP ("gimp-metadata") given, and no layers.
    /// </summary>
    public static byte[] Xcf(int width, int height, byte[]? exifTiff = null, string? xmp = null)
    {
        var b = new ByteBuffer();
        b.Ascii("gimp xcf v011\0");
        b.U32(width);
        b.U32(height);
        b.U32(0);
        b.U32(150);
        b.U32(17);
        b.U32(1);
        b.U8(1);
        var parasites = new ByteBuffer();
        void Parasite(string name, byte[] data)
        {
            parasites.U32(name.Length + 1);
            parasites.Ascii(name + "\0");
            parasites.U32(1);
            parasites.U32(data.Length);
            parasites.Bytes(data);
        }
        if (exifTiff is not null)
            Parasite("exif-data", [.. "Exif\0\0"u8, .. exifTiff]);
        if (xmp is not null)
            Parasite("gimp-metadata", [.. "GIMP_XMP_1"u8, .. Encoding.UTF8.GetBytes(xmp)]);
        if (parasites.Length > 0)
        {
            b.U32(21);
            b.U32(parasites.Length);
            b.Bytes(parasites.ToArray());
        }
        b.U32(0);
        b.U32(0);
        b.Zeros(16);
        return b.ToArray();
    }

    /// <summary>A FLIF still (non-interlaced, three channels, 8 bits each) header and a placeholder.</summary>
    public static byte[] Flif(int width, int height) => [.. "FLIF31"u8, .. Varint(width - 1), .. Varint(height - 1), .. new byte[16]];

    /// <summary>A BPG header (4:2:0, 8 bits, YCbCr) and a placeholder picture of its declared length.</summary>
    public static byte[] Bpg(int width, int height) => [(byte)'B', (byte)'P', (byte)'G', 0xFB, 1 << 5, 0, .. Varint(width), .. Varint(height), .. Varint(16), .. new byte[16]];

    private static byte[] Varint(int value)
    {
        var bytes = new List<byte> { (byte)(value & 0x7F) };
        for (value >>= 7; value > 0; value >>= 7)
            bytes.Insert(0, (byte)(0x80 | (value & 0x7F)));
        return [.. bytes];
    }

    private static byte[] Box(string type, Action<ByteBuffer> payload) => IsoBoxWriter.Box(type, payload);
}
