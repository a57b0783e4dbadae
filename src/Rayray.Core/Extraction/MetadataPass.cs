using Rayray.Core.Documents;
using Rayray.Core.Extraction.Integrity;
using Rayray.Core.Extraction.IsoMedia;
using Rayray.Core.Formats;

namespace Rayray.Core.Extraction;

/// <summary>
/// The parse after the hashing read: the format's metadata parsers, the structure checks that need
/// the parsed headers, and rayray's movie reader, all through one <see cref="FileWindowStream"/>
/// over the bytes already read (the head in memory, the rest from the source) and one read budget.
/// </summary>
internal static class MetadataPass
{
    /// <summary>The parsed directories, the damage the structure checks found (null when none) and the movie reader's reading.</summary>
    public static (IReadOnlyList<MetadataExtractor.Directory> Directories, string? Damage, IsoMediaRead? Movie) Read(
        MediaFormat format, IContentSource source, long length, ReadOnlyMemory<byte> head, IReadOnlyList<HostileXmpPacket> hostileXmp,
        TimeSpan timeBudget, List<string> notes)
    {
        var budget = new ReadBudget((16 * length) + (64L * 1024 * 1024), timeBudget);
        using var stream = new FileWindowStream(source, length, head, budget, hostileXmp);
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            var result = MetadataReading.Read(format, stream, length);
            directories = result.Directories;
            if (result.Note is not null)
                notes.Add(result.Note);
            if (result.Damage is not null)
                return (directories, result.Damage, null); // only formats that are not movies report damage here
        }
        catch (ReadBudgetExceededException e)
        {
            return ([], e.Message, null);
        }
        catch (ContentGapException e)
        {
            notes.Add(UnreadPart(e));
            directories = [];
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            var reason = $"metadata could not be read ({e.GetType().Name}: {e.Message})";
            if (!MetadataReading.HasIndependentStructureCheck(format))
                return ([], $"cannot read the {format.Name} structure: {e.Message}", null);
            notes.Add(reason);
            directories = [];
        }

        foreach (var directory in directories)
        {
            foreach (var error in directory.Errors)
                notes.Add($"{directory.Name}: {error}");
        }

        var damage = format.Family switch
        {
            ContainerFamily.Tiff => TiffStructure.Check(directories, length, requireImageData: format == MediaFormats.Tiff),
            ContainerFamily.Riff => RiffStructure.Check(head.Span, length),
            ContainerFamily.IsoMedia => CheckIsoMedia(stream, length, notes),
            _ => null,
        };
        var movie = ReadMovie(format, stream, length);
        // The camera makers' boxes count as the file's metadata whether the movie reader or ffprobe describes the streams.
        return (movie is { CameraDirectories.Count: > 0 } ? [.. directories, .. movie.CameraDirectories] : directories, damage, movie);
    }

    /// <summary>A video or audio movie (MP4, MOV, M4A, 3GP …) read in-process (from the bytes the hashing read left in memory or in the page cache); null for other formats.</summary>
    private static IsoMediaRead? ReadMovie(MediaFormat format, Stream stream, long length)
    {
        if (format.Family != ContainerFamily.IsoMedia || format.Kind is not (MediaKind.Video or MediaKind.Audio))
            return null;
        try
        {
            return IsoMediaReader.Read(stream, length);
        }
        catch (ContentGapException e)
        {
            return new IsoMediaRead(null, null, UnreadPart(e));
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // Over the read budget, or a reading rayray did not foresee: ffprobe reads the file instead.
            return new IsoMediaRead(null, null, $"rayray's movie reader failed ({e.GetType().Name}: {e.Message})");
        }
    }

    private static string? CheckIsoMedia(Stream stream, long length, List<string> notes)
    {
        try
        {
            var (damage, note) = IsoMediaStructure.Check(stream, length);
            if (note is not null)
                notes.Add(note);
            return damage;
        }
        catch (ContentGapException e)
        {
            notes.Add(UnreadPart(e));
            return null;
        }
    }

    private static string UnreadPart(ContentGapException e) => $"part of the file was not read again for its metadata: {e.Message}";
}
