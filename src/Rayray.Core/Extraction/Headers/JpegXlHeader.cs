using System.Buffers.Binary;
using System.Globalization;
using Rayray.Core.Extraction.IsoMedia;

namespace Rayray.Core.Extraction.Headers;

/// <summary>
/// JPEG XL (ISO/IEC 18181-1 and -2): the codestream starts with FF 0A and a SizeHeader of variable-length
/// bit fields, read least significant bit first; the container is a signature box, then boxes of which jxlc
/// holds the whole codestream and the first jxlp (after a 4-byte index) its start.
/// </summary>
internal static class JpegXlHeader
{

    /// <summary>Enough bytes for the SizeHeader (at most 2 + 8 bytes) and the orientation after it.</summary>
    private const int CodestreamHeadLength = 16;

    public static ReadOnlySpan<byte> ContainerSignature => [0, 0, 0, 0x0C, (byte)'J', (byte)'X', (byte)'L', (byte)' ', 0x0D, 0x0A, 0x87, 0x0A];

    public static bool IsCodestream(ReadOnlySpan<byte> h) => h.Length >= 2 && h[0] == 0xFF && h[1] == 0x0A;

    public static HeaderRead Read(Stream stream, long length)
    {
        var directory = new ImageHeaderDirectory("JPEG XL");
        var head = ImageHeaders.ReadAt(stream, 0, ContainerSignature.Length, length);
        if (IsCodestream(head))
            return new HeaderRead(directory, Codestream(ImageHeaders.ReadAt(stream, 0, CodestreamHeadLength, length), directory));

        var metadata = new EmbeddedMetadata();
        string? damage = "damaged: no codestream box (jxlc or jxlp) in the JPEG XL container";
        var sized = false;
        var truncated = ImageHeaders.WalkBoxes(stream, length, (header, at, boxLength) =>
        {
            var payload = at + header.Length;
            if (header.Type is "jxlc" or "jxlp" && !sized)
            {
                sized = true;
                var codestream = payload + (header.Type == "jxlp" ? 4 : 0);
                damage = Codestream(ImageHeaders.ReadAt(stream, codestream, CodestreamHeadLength, Math.Min(length, at + boxLength)), directory);
            }
            else if (header.Type is "Exif" or "xml " && EmbeddedMetadata.Read(stream, payload, boxLength - header.Length, length) is { } block)
            {
                // An Exif box starts with the offset of the TIFF header after those four bytes.
                if (header.Type == "xml ")
                    metadata.AddXmp(block);
                else if (block.Length > 4 && BinaryPrimitives.ReadUInt32BigEndian(block) is var skip && skip < block.Length - 4)
                    metadata.AddExif(block.AsSpan(4 + (int)skip));
            }
        });
        return new HeaderRead(directory, truncated ?? damage, metadata);
    }

    /// <summary>The size from the SizeHeader after FF 0A; null when the bytes end inside it.</summary>
    public static (long Width, long Height, int? Orientation)? Size(ReadOnlySpan<byte> codestream)
    {
        if (!IsCodestream(codestream))
            return null;
        var bits = new BitReader(codestream[2..]);
        var small = bits.Read(1) == 1;
        long height = small ? (bits.Read(5) + 1) * 8 : Sized(ref bits);
        var ratio = bits.Read(3);
        long width = ratio switch
        {
            0 => small ? (bits.Read(5) + 1) * 8 : Sized(ref bits),
            1 => height,
            2 => height * 12 / 10,
            3 => height * 4 / 3,
            4 => height * 3 / 2,
            5 => height * 16 / 9,
            6 => height * 5 / 4,
            _ => height * 2,
        };
        if (bits.Overrun)
            return null;
        // ImageMetadata: all_default, then extra_fields, then the orientation (1 + 3 bits) when extra fields are there.
        int? orientation = bits.Read(1) == 1 ? 1 : bits.Read(1) == 0 ? 1 : (int)bits.Read(3) + 1;
        return (width, height, bits.Overrun ? null : orientation);

        static long Sized(ref BitReader bits) => bits.Read(bits.Read(2) switch { 0 => 9, 1 => 13, 2 => 18, _ => 30 }) + 1;
    }

    private static string? Codestream(ReadOnlySpan<byte> codestream, ImageHeaderDirectory directory)
    {
        if (!IsCodestream(codestream))
            return "damaged: the JPEG XL codestream does not start with FF 0A";
        if (Size(codestream) is not { } size)
            return ImageHeaders.CutShort("JPEG XL size header");
        if (size.Orientation is { } orientation)
            directory.Set(ImageHeaderDirectory.TagOrientation, orientation);
        return directory.SetSize(size.Width, size.Height);
    }

    private ref struct BitReader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> _bytes = bytes;
        private int _position;

        public bool Overrun { get; private set; }

        public long Read(int count)
        {
            long value = 0;
            for (var i = 0; i < count; i++, _position++)
            {
                if (_position >> 3 >= _bytes.Length)
                {
                    Overrun = true;
                    return 0;
                }
                value |= (long)((_bytes[_position >> 3] >> (_position & 7)) & 1) << i;
            }
            return value;
        }
    }
}
