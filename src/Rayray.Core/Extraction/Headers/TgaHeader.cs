using System.Buffers.Binary;

namespace Rayray.Core.Extraction.Headers;

/// <summary>
/// The 18-byte Truevision TGA header, which has no magic number: a file is taken for a TGA when its footer
/// says so (TGA 2.0) or when its name does and these fields hold values a TGA writer would write.
/// MetadataExtractor reads the header and footer; this only judges them.
/// </summary>
internal static class TgaHeader
{
    public const int Length = 18;

    /// <summary>The last 26 bytes of a TGA 2.0 file: two offsets, then this signature.</summary>
    public const int FooterLength = 26;

    public static ReadOnlySpan<byte> FooterSignature => "TRUEVISION-XFILE.\0"u8;

    public static bool HasFooter(ReadOnlySpan<byte> tail) => tail.EndsWith(FooterSignature);

    public static bool IsPlausible(ReadOnlySpan<byte> h)
    {
        if (h.Length < Length)
            return false;
        var (colorMapType, imageType, mapLength, mapDepth) = (h[1], h[2], BinaryPrimitives.ReadUInt16LittleEndian(h[5..]), h[7]);
        var (width, height, depth, descriptor) = (BinaryPrimitives.ReadUInt16LittleEndian(h[12..]), BinaryPrimitives.ReadUInt16LittleEndian(h[14..]), h[16], h[17]);
        // Descriptor bits 6-7 chose an interleaving no writer has used since the 1990s.
        if (colorMapType > 1 || width == 0 || height == 0 || (descriptor & 0xC0) != 0)
            return false;
        if (colorMapType == 1 && (mapLength == 0 || mapDepth is not (15 or 16 or 24 or 32)))
            return false;
        return imageType switch
        {
            1 or 9 => colorMapType == 1 && depth is 8 or 16,
            2 or 10 => depth is 15 or 16 or 24 or 32,
            3 or 11 => depth is 8 or 16,
            _ => false,
        };
    }

    /// <summary>Why an uncompressed TGA is damaged: its pixels need more bytes than the file has; null when they fit (or are compressed).</summary>
    public static string? Truncation(ReadOnlySpan<byte> h, long fileLength)
    {
        if (h.Length < Length)
            return "truncated: the file ends inside the 18-byte TGA header";
        if (h[2] is not (1 or 2 or 3))
            return null;
        var map = h[1] == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(h[5..]) * ((h[7] + 7L) / 8) : 0;
        var pixels = (long)BinaryPrimitives.ReadUInt16LittleEndian(h[12..]) * BinaryPrimitives.ReadUInt16LittleEndian(h[14..]) * ((h[16] + 7L) / 8);
        var needed = Length + h[0] + map + pixels;
        return fileLength < needed ? $"truncated: the TGA's pixels end at byte {needed} but the file has {fileLength}" : null;
    }
}
