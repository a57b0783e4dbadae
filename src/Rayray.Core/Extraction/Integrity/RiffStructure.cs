using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Rayray.Core.Extraction.Integrity;

/// <summary>
/// Checks that a RIFF file (WebP, AVI, WAV) holds all the bytes its header declares, and that each top-level
/// chunk whose header is among the bytes given fits inside the RIFF body: a chunk that declares more bytes than
/// remain is damaged (and would make a reader allocate what was only declared).
/// </summary>
public static class RiffStructure
{
    public static string? Check(ReadOnlySpan<byte> head, long fileLength)
    {
        if (head.Length < 12)
            return "truncated: shorter than a RIFF header";
        var declared = (long)BinaryPrimitives.ReadUInt32LittleEndian(head[4..8]) + 8;
        // A writer may leave the final pad byte out.
        if (declared > fileLength + 1)
            return $"truncated: the RIFF header declares {declared} bytes but the file has {fileLength}";

        return CheckChunks(head, 12, Math.Min(declared, fileLength), depth: 0);
    }

    /// <summary>The chunks from <paramref name="start"/> to <paramref name="end"/>, and those of the header lists among them (AVI's hdrl and strl).</summary>
    private static string? CheckChunks(ReadOnlySpan<byte> head, long start, long end, int depth)
    {
        var at = start;
        while (at + 8 <= end && at + 8 <= head.Length)
        {
            var type = Encoding.ASCII.GetString(head.Slice((int)at, 4));
            var size = BinaryPrimitives.ReadUInt32LittleEndian(head[(int)(at + 4)..]);
            if (size > end - at - 8)
            {
                return string.Create(CultureInfo.InvariantCulture,
                    $"damaged: chunk '{Printable(type)}' at offset {at} declares {size} bytes but only {end - at - 8} remain");
            }
            var isHeaderList = type == "LIST" && size >= 4 && at + 12 <= head.Length &&
                (head.Slice((int)at + 8, 4).SequenceEqual("hdrl"u8) || head.Slice((int)at + 8, 4).SequenceEqual("strl"u8));
            if (isHeaderList && depth < 3)
            {
                if (CheckChunks(head, at + 12, at + 8 + size, depth + 1) is { } damage)
                    return damage;
            }
            at += 8 + size + (size & 1);
        }
        return null;
    }

    private static string Printable(string type) =>
        new(type.Select(c => char.IsAsciiLetterOrDigit(c) || c == ' ' ? c : '?').ToArray());
}
