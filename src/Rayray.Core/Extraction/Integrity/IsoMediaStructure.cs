using System.Collections.Frozen;
using Rayray.Core.Extraction.IsoMedia;

namespace Rayray.Core.Extraction.Integrity;

/// <summary>
/// Checks that an ISO base media file's top-level boxes chain up to its end: a box that reaches
/// past the end of the file means the file was cut short. Unrecognized bytes after the last box
/// are tolerated (some tools append data) and noted.
/// </summary>
public static class IsoMediaStructure
{
    private static readonly FrozenSet<string> TopLevelTypes = new[]
    {
        "ftyp", "styp", "meta", "moov", "mdat", "free", "skip", "wide", "uuid", "moof", "mfra", "pdin",
        "sidx", "ssix", "prft", "emsg", "meco", "pnot", "PICT", "junk", "udta", "idat", "iinf", "iloc",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> BoxLists = new[] { "trak", "mdia", "minf", "stbl", "edts", "dinf", "mvex", "tref" }.ToFrozenSet(StringComparer.Ordinal);

    public static (string? Damage, string? Note) Check(Stream stream, long fileLength)
    {
        Span<byte> bytes = stackalloc byte[16];
        long at = 0;
        var boxes = 0;
        while (at < fileLength)
        {
            if (fileLength - at < 8)
                return (null, $"{fileLength - at} unrecognized bytes after the last box");
            stream.Position = at;
            var read = stream.ReadAtLeast(bytes, 8, throwOnEndOfStream: false);
            var header = RawBoxHeader.Decode(bytes[..Math.Max(read, 8)])!.Value;
            var type = header.Type;
            if (!TopLevelTypes.Contains(type))
            {
                return boxes == 0
                    ? ($"damaged: the file does not start with a known box (found '{RawBoxHeader.Printable(type)}')", null)
                    : (null, $"{fileLength - at} unrecognized bytes after the last box, at offset {at}");
            }
            if (header.Size is not { } declared)
                return ($"truncated: the file ends inside the header of box '{type}' at offset {at}", null);
            var size = header.RunsToEnd ? fileLength - at : (long)declared;
            if (size < header.Length)
                return ($"damaged: box '{type}' at offset {at} has an impossible size {size}", null);
            // Compared as what remains, so a 64-bit size near 2^63 cannot overflow past the end into "fits".
            if (size > fileLength - at)
                return ($"truncated: box '{type}' at offset {at} needs {size} bytes but only {fileLength - at} remain", null);
            if (type == "moov" && CheckChildren(stream, at + header.Length, at + size, type, depth: 0) is { } damage)
                return (damage, null);
            at += size;
            boxes++;
        }
        return (null, null);
    }

    /// <summary>
    /// The boxes of a movie's box lists (moov, trak, mdia, minf, stbl, …) must each fit inside their parent; one
    /// that reaches past it is damaged. Lists QuickTime lets end oddly (udta, meta) are not entered.
    /// </summary>
    private static string? CheckChildren(Stream stream, long start, long end, string parent, int depth)
    {
        Span<byte> bytes = stackalloc byte[16];
        var at = start;
        while (end - at >= 8)
        {
            stream.Position = at;
            var read = stream.ReadAtLeast(bytes, 16, throwOnEndOfStream: false);
            // A size of 0 here, or one smaller than its header, is a terminator or a list that is not boxes: nothing more to check.
            if (RawBoxHeader.Decode(bytes[..(int)Math.Min(read, end - at)]) is not { Size: { } declared } header || (long)declared < header.Length)
                return null;
            var size = (long)declared;
            if (size > end - at)
                return $"damaged: box '{RawBoxHeader.Printable(header.Type)}' at offset {at} declares {size} bytes but its parent '{parent}' ends at byte {end}";
            if (depth < 4 && BoxLists.Contains(header.Type) && CheckChildren(stream, at + header.Length, at + size, header.Type, depth + 1) is { } damage)
                return damage;
            at += size;
        }
        return null;
    }
}
