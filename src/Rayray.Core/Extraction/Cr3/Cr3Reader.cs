using Rayray.Core.Extraction.Xmp;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction.Cr3;

/// <summary>
/// Reads a Canon CR3 (ISO base media, brand 'crx '): the TIFFs in Canon's metadata box in 'moov' and the XMP in the
/// top-level XMP 'uuid' box, reading those boxes' bytes and the box headers on the way, never 'mdat'. MetadataExtractor
/// 2.4.3 has no CR3 reader (its QuickTime reader sees only the movie boxes). A cut or damaged file keeps what it still
/// holds; the outermost damage is reported (a cut 'moov' before a Canon box that overruns it, before a CMT box that
/// overruns the Canon box).
/// </summary>
internal static class Cr3Reader
{
    private static ReadOnlySpan<byte> XmpUuid => [0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC];

    private const int MaxTopLevelBoxes = 4096;
    private const int MaxMovieChildren = 4096;
    private const int MaxXmpLength = 8 * 1024 * 1024;

    public sealed record Result(IReadOnlyList<Directory> Directories, string? Damage, string? Note);

    public static Result Read(Stream stream, long fileLength)
    {
        StreamBox? movie = null;
        StreamBox? xmp = null;
        // An impossible size at the top level is the structure check's to report.
        foreach (var box in StreamBox.Children(stream, 0, fileLength, MaxTopLevelBoxes).TakeWhile(b => !b.IsImpossible))
        {
            if (box.Type == "moov")
                movie ??= box;
            else if (box.Type == "uuid" && xmp is null && box.HasUuid(stream, XmpUuid, fileLength))
                xmp = box;
        }

        var directories = new List<Directory>();
        string? damage, note = null;
        if (movie is { } moov)
        {
            var moovEnd = moov.EndWithin(fileLength);
            (damage, note) = ReadCanonBox(stream, moov, moovEnd, fileLength, directories);
            if (!moov.FitsWithin(fileLength))
                damage = moov.CutOff(fileLength);
        }
        else
        {
            damage = "damaged: no 'moov' box";
        }

        if (xmp is { } xmpBox)
            note = ReadXmp(stream, xmpBox, fileLength, directories) ?? note;
        return new Result(directories, damage, note);
    }

    private static string? ReadXmp(Stream stream, StreamBox box, long fileLength, List<Directory> directories)
    {
        if (box.ReadPayload(stream, XmpUuid.Length, fileLength, MaxXmpLength) is not { } packet)
            return $"the CR3's XMP box is larger than {MaxXmpLength / (1024 * 1024)} MB and was not read";
        if (packet.Length > 0)
            directories.Add(XmpPackets.Read(packet, 0, packet.Length));
        return null;
    }

    private static (string? Damage, string? Note) ReadCanonBox(Stream stream, StreamBox moov, long moovEnd, long fileLength, List<Directory> directories)
    {
        foreach (var box in StreamBox.Children(stream, moov.PayloadStart, moovEnd, MaxMovieChildren).TakeWhile(b => !b.IsImpossible))
        {
            if (box.Type != "uuid" || !box.HasUuid(stream, CanonMetadataBox.Uuid, moovEnd))
                continue;
            var (damage, note) = CanonMetadataBox.Read(stream, box, box.EndWithin(moovEnd), fileLength, directories);
            return (box.FitsWithin(moovEnd) ? damage : box.Overrun("moov", moovEnd), note);
        }
        return ("damaged: no Canon metadata box (uuid 85c0b687-820f-11e0-8111-f4ce462b6a48) in 'moov'", null);
    }
}
