using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Text;

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

    public static (string? Damage, string? Note) Check(Stream stream, long fileLength)
    {
        Span<byte> header = stackalloc byte[16];
        long at = 0;
        var boxes = 0;
        while (at < fileLength)
        {
            if (fileLength - at < 8)
                return (null, $"{fileLength - at} unrecognized bytes after the last box");
            stream.Position = at;
            var read = stream.ReadAtLeast(header, 8, throwOnEndOfStream: false);
            var type = Encoding.ASCII.GetString(header.Slice(4, 4));
            if (!TopLevelTypes.Contains(type))
            {
                return boxes == 0
                    ? ($"damaged: the file does not start with a known box (found '{Printable(type)}')", null)
                    : (null, $"{fileLength - at} unrecognized bytes after the last box, at offset {at}");
            }
            long size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var headerLength = 8;
            if (size == 1)
            {
                if (read < 16)
                    return ($"truncated: the file ends inside the header of box '{type}' at offset {at}", null);
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(header[8..]);
                headerLength = 16;
            }
            else if (size == 0)
            {
                size = fileLength - at;
            }
            if (size < headerLength)
                return ($"damaged: box '{type}' at offset {at} has an impossible size {size}", null);
            if (at + size > fileLength)
                return ($"truncated: box '{type}' at offset {at} needs {size} bytes but only {fileLength - at} remain", null);
            at += size;
            boxes++;
        }
        return (null, null);
    }

    private static string Printable(string type) =>
        new(type.Select(c => char.IsAsciiLetterOrDigit(c) || c == ' ' ? c : '?').ToArray());
}
