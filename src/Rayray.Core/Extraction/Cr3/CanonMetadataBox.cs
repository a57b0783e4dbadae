using System.Globalization;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction.Cr3;

/// <summary>
/// Canon's metadata box, the 'uuid' box 85c0b687-820f-11e0-8111-f4ce462b6a48 in a CR3's 'moov': after the UUID, boxes
/// back to back — CMT1 to CMT4 (read by <see cref="CmtTiff"/>), CTBO (checked by <see cref="CanonPartTable"/>), and CNCV,
/// CCTP, THMB and others rayray does not read.
/// </summary>
internal static class CanonMetadataBox
{
    public static ReadOnlySpan<byte> Uuid => [0x85, 0xC0, 0xB6, 0x87, 0x82, 0x0F, 0x11, 0xE0, 0x81, 0x11, 0xF4, 0xCE, 0x46, 0x2B, 0x6A, 0x48];

    private const int MaxChildren = 1024;
    private const int MaxTiffLength = 8 * 1024 * 1024;

    /// <summary>
    /// Reads the CMT boxes of <paramref name="canon"/> (whose bytes end at <paramref name="end"/>) into
    /// <paramref name="directories"/>. A CMT box that reaches past the Canon box is read as far as it goes, and is the
    /// damage; so is a part the part table puts past the end of the file.
    /// </summary>
    public static (string? Damage, string? Note) Read(Stream stream, StreamBox canon, long end, long fileLength, List<Directory> directories)
    {
        string? damage = null, note = null;
        var read = new HashSet<string>(StringComparer.Ordinal);
        foreach (var box in StreamBox.Children(stream, canon.PayloadStart + Uuid.Length, end, MaxChildren))
        {
            if (box.IsImpossible)
                return (damage ?? box.ImpossibleSize(), note);
            if (!box.FitsWithin(end))
                damage ??= box.Overrun("uuid", end);
            if (box.Type == "CTBO" && box.ReadPayload(stream, 0, end, CanonPartTable.MaxLength) is { } table)
                damage ??= CanonPartTable.Check(table, fileLength);
            if (!CmtTiff.Boxes.Contains(box.Type) || !read.Add(box.Type))
                continue;
            if (box.ReadPayload(stream, 0, end, MaxTiffLength) is { } tiff)
                CmtTiff.Read(box.Type, tiff, directories);
            else
                note ??= string.Create(CultureInfo.InvariantCulture, $"the CR3's '{box.Type}' box of {box.DeclaredSize:N0} bytes was not read (over {MaxTiffLength / (1024 * 1024)} MB)");
        }
        return (damage, note);
    }
}
