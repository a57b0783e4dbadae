using System.Buffers.Binary;
using System.Globalization;

namespace Rayray.Core.Extraction.Cr3;

/// <summary>
/// Canon's table of where a CR3's parts lie (the CTBO box in Canon's metadata box): a count, then per part an index
/// (1 the XMP box, 2 the preview's uuid box, 3 'mdat'), an offset and a size, each box whole. exiftool keeps it up to
/// date when it rewrites a CR3. A part reaching past the end of the file shows the file was cut, even when the boxes
/// that are left chain up to its end (a CR3 cut just before its 'mdat').
/// </summary>
internal static class CanonPartTable
{
    public const int MaxLength = 64 * 1024;
    private const int PartLength = 20;

    public static string? Check(ReadOnlySpan<byte> table, long fileLength)
    {
        if (table.Length < 4)
            return null;
        var parts = Math.Min(BinaryPrimitives.ReadUInt32BigEndian(table), (uint)((table.Length - 4) / PartLength));
        for (var i = 0; i < parts; i++)
        {
            var part = table.Slice(4 + (i * PartLength), PartLength);
            var offset = BinaryPrimitives.ReadUInt64BigEndian(part[4..]);
            var size = BinaryPrimitives.ReadUInt64BigEndian(part[12..]);
            if (size > 0 && (offset > (ulong)fileLength || size > (ulong)fileLength - offset))
            {
                var index = BinaryPrimitives.ReadUInt32BigEndian(part);
                return string.Create(CultureInfo.InvariantCulture,
                    $"truncated: Canon's part table (CTBO) puts part {index}{Name(index)} at bytes {offset} to {(UInt128)offset + size} but the file ends at {fileLength}");
            }
        }
        return null;
    }

    private static string Name(uint index) => index switch
    {
        1 => " (XMP)",
        2 => " (preview)",
        3 => " ('mdat')",
        _ => "",
    };
}
