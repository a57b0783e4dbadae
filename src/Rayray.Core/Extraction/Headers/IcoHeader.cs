using System.Buffers.Binary;

namespace Rayray.Core.Extraction.Headers;

/// <summary>
/// The ICO/CUR directory: reserved 0, type 1 (icon) or 2 (cursor), a count, then 16 bytes per image. Its
/// magic is six bytes of mostly zeros, so the sniffer also checks the entries it can see.
/// </summary>
internal static class IcoHeader
{
    public const int EntryLength = 16;

    /// <summary>1 for an icon, 2 for a cursor, 0 when <paramref name="h"/> is no plausible icon directory.</summary>
    public static int Type(ReadOnlySpan<byte> h)
    {
        if (h.Length < 6 + EntryLength || h[0] != 0 || h[1] != 0 || h[2] is not (1 or 2) || h[3] != 0)
            return 0;
        var type = h[2];
        var count = BinaryPrimitives.ReadUInt16LittleEndian(h[4..]);
        if (count == 0)
            return 0;
        var tableEnd = 6 + (count * EntryLength);
        for (var i = 0; i < count && 6 + ((i + 1) * EntryLength) <= h.Length; i++)
        {
            var entry = h.Slice(6 + (i * EntryLength), EntryLength);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]);
            var offset = BinaryPrimitives.ReadUInt32LittleEndian(entry[12..]);
            if (size < 8 || offset < tableEnd)
                return 0;
            if (type == 1 && (BinaryPrimitives.ReadUInt16LittleEndian(entry[4..]) > 1 || BinaryPrimitives.ReadUInt16LittleEndian(entry[6..]) is not (0 or 1 or 2 or 4 or 8 or 16 or 24 or 32)))
                return 0;
            // Each image is a PNG or a bitmap starting with its BITMAPINFOHEADER.
            if (offset + 8 <= h.Length && !(h[(int)offset] == 0x89 && h[((int)offset + 1)..].StartsWith("PNG"u8)) &&
                BinaryPrimitives.ReadUInt32LittleEndian(h[(int)offset..]) is not (12 or 40 or 108 or 124))
                return 0;
        }
        return type;
    }
}
