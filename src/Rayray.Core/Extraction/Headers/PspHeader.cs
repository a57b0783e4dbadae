using System.Buffers.Binary;
using System.Globalization;

namespace Rayray.Core.Extraction.Headers;

/// <summary>
/// Paint Shop Pro (the PSP file format specifications for PSP 5 to 8): a 32-byte signature, the major and
/// minor version, then blocks ("~BK\0", an id, and one length, or two before version 4); the first is the
/// General Image Attributes block (id 0): its own length from version 4 on, then width, height, resolution,
/// its unit, compression, bit depth, planes and colour count.
/// </summary>
internal static class PspHeader
{
    public static ReadOnlySpan<byte> Signature => "Paint Shop Pro Image File\n\x1a\0\0\0\0\0"u8;

    public static HeaderRead Read(Stream stream, long length)
    {
        var directory = new ImageHeaderDirectory("PSP");
        var h = ImageHeaders.ReadAt(stream, 0, 96, length).AsSpan();
        if (h.Length < 36)
            return new HeaderRead(directory, ImageHeaders.CutShort("PSP header"));
        var major = BinaryPrimitives.ReadUInt16LittleEndian(h[32..]);
        directory.Set(ImageHeaderDirectory.TagVersion, string.Create(CultureInfo.InvariantCulture, $"{major}.{BinaryPrimitives.ReadUInt16LittleEndian(h[34..])}"));
        var blockHeader = major > 3 ? 10 : 14;
        var attributes = 36 + blockHeader + (major > 3 ? 4 : 0);
        if (h.Length < attributes + 27)
            return new HeaderRead(directory, ImageHeaders.CutShort("PSP image attributes block"));
        if (!h[36..].StartsWith("~BK\0"u8) || BinaryPrimitives.ReadUInt16LittleEndian(h[40..]) != 0)
            return new HeaderRead(directory, "damaged: the PSP file does not start with its image attributes block");
        var a = h[attributes..];
        directory.Set(ImageHeaderDirectory.TagCompression, BinaryPrimitives.ReadUInt16LittleEndian(a[17..]) switch
        {
            0 => "none", 1 => "RLE", 2 => "LZ77", 3 => "JPEG",
            var other => other.ToString(CultureInfo.InvariantCulture),
        });
        directory.Set(ImageHeaderDirectory.TagBitsPerSample, (int)BinaryPrimitives.ReadUInt16LittleEndian(a[19..]));
        return new HeaderRead(directory, directory.SetSize(BinaryPrimitives.ReadUInt32LittleEndian(a), BinaryPrimitives.ReadUInt32LittleEndian(a[4..])));
    }
}
