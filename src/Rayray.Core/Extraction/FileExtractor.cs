using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using Rayray.Core.Common;
using Rayray.Core.Documents;
using System.Text.Json.Nodes;
using MetadataExtractor.Formats.Xmp;
using Rayray.Core.Extraction.Integrity;
using Rayray.Core.Extraction.IsoMedia;
using Rayray.Core.Extraction.Probing;
using Rayray.Core.Formats;
using Rayray.Core.Normalization;
using Rayray.Core.Walking;

namespace Rayray.Core.Extraction;

/// <summary>
/// Reads one file: sniffs its format from the first bytes, streams every byte once through
/// SHA-256 and the format's structure check, then parses the metadata headers (from the bytes
/// already in memory where the file is small enough). One instance per worker: it owns its buffers.
/// </summary>
/// <param name="ffprobe">Runs ffprobe on video and audio that rayray's movie reader does not describe; without it they are read from their container headers alone.</param>
public sealed class FileExtractor(ExtractionOptions options, FfprobeRunner? ffprobe = null) : IDisposable
{
    private const int HeadCapacity = 1024 * 1024;
    private const int ChunkSize = 1024 * 1024;

    private readonly byte[] _head = ArrayPool<byte>.Shared.Rent(HeadCapacity);
    private readonly byte[] _chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
    private const int MaxSidecarBytes = 16 * 1024 * 1024;

    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>How often a file that changes while it is read is tried, and the pause between tries.</summary>
    private const int MaxAttempts = 3;
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(1);

    public ExtractedFile Extract(WalkedFile file, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = ExtractOnce(file, cancellationToken);
            if (result.Disposition != ExtractionDisposition.Unstable || attempt == MaxAttempts)
                return result;
            // A file still being copied in, or rewritten in place, often settles within moments.
            if (cancellationToken.WaitHandle.WaitOne(RetryPause))
                cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private ExtractedFile ExtractOnce(WalkedFile file, CancellationToken cancellationToken)
    {
        SafeFileHandle handle;
        try
        {
            handle = OpenRead(file.Path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new ExtractedFile { Source = file, Format = file.FormatByExtension ?? MediaFormats.Other, Disposition = ExtractionDisposition.Vanished };
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return Unreadable(file, e is UnauthorizedAccessException ? "permission denied" : $"cannot open: {e.Message}");
        }

        using (handle)
        {
            try
            {
                return Read(file, handle, cancellationToken);
            }
            catch (IOException e)
            {
                return Unreadable(file, $"read error: {e.Message}");
            }
        }
    }

    private ExtractedFile Read(WalkedFile file, SafeFileHandle handle, CancellationToken cancellationToken)
    {
        var opened = FileStatReader.Stat(handle, file.Path);
        var extracted = ReadContent(file, handle, opened.Size, cancellationToken) with { ReadStat = opened };
        if (extracted.Disposition != ExtractionDisposition.Extracted || !extracted.ContentRead)
            return extracted;
        // Same size, modification and change time after the read as before it, or the bytes hashed
        // may belong to no version of the file.
        var closed = FileStatReader.Stat(handle, file.Path);
        if (closed.Size != opened.Size || closed.ModifiedUtc != opened.ModifiedUtc || closed.ChangedUtc != opened.ChangedUtc)
        {
            return new ExtractedFile
            {
                Source = file,
                Format = extracted.Format,
                Disposition = ExtractionDisposition.Unstable,
                InvalidReason = $"it changed while it was being read ({Describe(opened, closed)}); it is still being written or copied",
            };
        }
        return extracted;
    }

    private static string Describe(FileStat before, FileStat after) =>
        before.Size != after.Size
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{before.Size:N0} bytes, then {after.Size:N0}")
            : "rewritten in place";

    private ExtractedFile ReadContent(WalkedFile file, SafeFileHandle handle, long length, CancellationToken cancellationToken)
    {
        // Files that are media by name are read in one go; others are sniffed first, so a large
        // non-media file costs one small read.
        var firstRead = file.FormatByExtension is null ? Math.Min(length, FormatSniffer.HeaderLength) : Math.Min(length, HeadCapacity);
        var headLength = ReadFully(handle, _head.AsSpan(0, (int)firstRead), 0);

        var sniffed = FormatSniffer.Sniff(_head.AsSpan(0, Math.Min(headLength, FormatSniffer.HeaderLength)), file.FormatByExtension) ?? SniffTail(handle, length, headLength);
        var format = sniffed ?? file.FormatByExtension;
        if (format is null)
        {
            if (!options.AllFiles)
                return new ExtractedFile { Source = file, Format = MediaFormats.Other, Disposition = ExtractionDisposition.NotMedia };
            format = MediaFormats.Other;
        }
        if (headLength == firstRead && firstRead < Math.Min(length, HeadCapacity))
            headLength += ReadFully(handle, _head.AsSpan(headLength, (int)(Math.Min(length, HeadCapacity) - headLength)), headLength);
        var head = _head.AsMemory(0, headLength);

        var notes = new List<string>();
        string? invalid = null;
        if (length == 0)
            invalid = "empty file (0 bytes)";
        else if (sniffed is null && file.FormatByExtension is not null)
            invalid = $"not a valid {file.FormatByExtension.Name} file: its content is not a format rayray recognizes";
        else if (sniffed is not null && file.FormatByExtension is not null && sniffed.Family != file.FormatByExtension.Family)
            notes.Add($"the name says {file.FormatByExtension.Name} but the content is {sniffed.Name}");

        var streaming = invalid is null ? StreamingCheckFor(format) : null;
        var xmp = sniffed is not null && format.Family != ContainerFamily.Matroska ? new XmpPacketScanner() : null;
        // A JPEG's metadata ends where its scan data starts: the scanner need not read the picture.
        var xmpEnd = format.Family == ContainerFamily.Jpeg ? JpegHeadersEnd(head.Span) ?? length : length;
        var hash = HashAndCheck(handle, head, length, streaming, (xmp, xmpEnd), cancellationToken);
        if (streaming is not null)
        {
            invalid ??= streaming.Finish();
            notes.AddRange(streaming.Notes);
        }
        xmp?.Finish();
        var hostileXmp = xmp?.Hostile ?? [];
        notes.AddRange(hostileXmp.Select(packet =>
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the XMP packet at offset {packet.Start} {packet.Reason}; it was not read")));

        // A damaged file is still described as far as its headers go.
        IReadOnlyList<MetadataExtractor.Directory> directories = [];
        IsoMediaRead? movie = null;
        if (sniffed is not null && length > 0 && format != MediaFormats.Other)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (directories, var damage, movie) = ReadMetadata(format, handle, length, head, hostileXmp, notes);
            directories = Xmp.XmpPackets.AsProperties(directories);
            invalid ??= damage;
        }

        var audioVideo = movie is { IsComplete: true } ? movie.Facts : null;
        JsonObject? probe = null;
        var probeUnavailable = false;
        // ffprobe reads the containers rayray's movie reader does not, and the movies it could not describe the
        // way ffprobe would (movie.Gap says why: another codec, no duration, …).
        if (sniffed is not null && length > 0 && format.Kind is MediaKind.Video or MediaKind.Audio && audioVideo is null)
        {
            var outcome = ffprobe?.Probe(file.Path, cancellationToken) ?? ProbeOutcome.Unavailable("ffprobe is not installed");
            probe = outcome.Output;
            probeUnavailable = outcome.ToolUnavailable;
            invalid ??= outcome.Failure;
            if (outcome.Note is not null && !outcome.ToolUnavailable)
                notes.Add(outcome.Note);
            // Without ffprobe's answer, what the movie reader did read still describes the file.
            audioVideo = probe is not null ? FfprobeFacts.Read(probe) : movie?.Facts;
        }
        if (audioVideo is null)
            notes.AddRange(directories.Count == 0 && format != MediaFormats.Other && invalid is null ? [$"no embedded metadata was read from this {format.Name} file"] : []);

        return new ExtractedFile
        {
            Source = file,
            Hash = hash,
            ContentRead = true,
            Format = format,
            Size = length,
            BytesRead = length,
            Directories = directories,
            Probe = probe,
            IsoMedia = movie?.Raw,
            AudioVideo = audioVideo,
            ProbeUnavailable = probeUnavailable,
            Sidecar = ReadSidecar(file, notes),
            Takeout = TakeoutSidecarReader.Read(file, notes),
            Notes = notes,
            InvalidReason = invalid,
        };
    }

    /// <summary>Reads the last bytes only for a file whose first bytes were not recognized.</summary>
    private MediaFormat? SniffTail(SafeFileHandle handle, long length, int headLength)
    {
        Span<byte> tail = stackalloc byte[FormatSniffer.TailLength];
        if (length < tail.Length)
            return null;
        var read = ReadFully(handle, tail, length - tail.Length);
        return FormatSniffer.SniffTail(_head.AsSpan(0, Math.Min(headLength, FormatSniffer.HeaderLength)), tail[..read]);
    }

    private static Xmp.XmpProperties? ReadSidecar(WalkedFile file, List<string> notes)
    {
        if (file.Sidecar is not { } sidecar)
            return null;
        try
        {
            if (sidecar.Size > MaxSidecarBytes)
            {
                notes.Add($"sidecar {Path.GetFileName(sidecar.Path)} is larger than {MaxSidecarBytes / (1024 * 1024)} MB and was not read");
                return null;
            }
            byte[] bytes;
            using (var handle = OpenRead(sidecar.Path))
            {
                bytes = new byte[RandomAccess.GetLength(handle)];
                if (ReadFully(handle, bytes, 0) != bytes.Length)
                    throw new IOException("it changed while it was being read");
            }
            if (XmpPacketScanner.Problem(bytes) is { } problem)
            {
                notes.Add($"sidecar {Path.GetFileName(sidecar.Path)} {problem}; it was not read");
                return null;
            }
            var xmp = Xmp.XmpPackets.Read(bytes, 0, bytes.Length);
            foreach (var error in xmp.Errors)
                notes.Add($"sidecar {Path.GetFileName(sidecar.Path)}: {error}");
            return Xmp.XmpPackets.PropertiesOf(xmp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            notes.Add($"sidecar {Path.GetFileName(sidecar.Path)} could not be read: {MediaWalker.Describe(e)}");
            return null;
        }
    }

    private (IReadOnlyList<MetadataExtractor.Directory>, string?, IsoMediaRead?) ReadMetadata(
        MediaFormat format, SafeFileHandle handle, long length, ReadOnlyMemory<byte> head, IReadOnlyList<HostileXmpPacket> hostileXmp, List<string> notes)
    {
        var budget = new ReadBudget((16 * length) + (64L * 1024 * 1024), options.PerFileTimeBudget);
        using var stream = new FileWindowStream(handle, length, head, budget, hostileXmp);
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
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // Over the read budget, or a reading rayray did not foresee: ffprobe reads the file instead.
            return new IsoMediaRead(null, null, $"rayray's movie reader failed ({e.GetType().Name}: {e.Message})");
        }
    }

    private static string? CheckIsoMedia(Stream stream, long length, List<string> notes)
    {
        var (damage, note) = IsoMediaStructure.Check(stream, length);
        if (note is not null)
            notes.Add(note);
        return damage;
    }

    private static IStreamingCheck? StreamingCheckFor(MediaFormat format) => format.Family switch
    {
        ContainerFamily.Jpeg => new JpegStructureCheck(),
        ContainerFamily.Png => new PngStructureCheck(),
        _ => null,
    };

    /// <summary>
    /// Where a JPEG's first scan (SOS) starts, found by walking its segments in the bytes given; MetadataExtractor reads
    /// no segment after it. Null when the walk leaves the bytes given or meets something that is not a segment.
    /// </summary>
    private static long? JpegHeadersEnd(ReadOnlySpan<byte> head)
    {
        var at = 2;
        while (at + 4 <= head.Length)
        {
            if (head[at] != 0xFF)
                return null;
            var marker = head[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill bytes
                continue;
            }
            if (marker == 0xDA)
                return at;
            at += 2 + ((head[at + 2] << 8) | head[at + 3]);
        }
        return null;
    }

    private string HashAndCheck(
        SafeFileHandle handle, ReadOnlyMemory<byte> head, long length, IStreamingCheck? check,
        (XmpPacketScanner? Scanner, long End) xmp, CancellationToken cancellationToken)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        if (head.Length == length)
        {
            check?.Append(head.Span);
            xmp.Scanner?.Append(head.Span[..(int)Math.Min(head.Length, xmp.End)]);
            SHA256.HashData(head.Span, digest);
            return DocumentId.HashFromDigest(digest);
        }

        _sha256.AppendData(head.Span);
        check?.Append(head.Span);
        xmp.Scanner?.Append(head.Span[..(int)Math.Min(head.Length, xmp.End)]);
        long offset = head.Length;
        while (offset < length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = RandomAccess.Read(handle, _chunk.AsSpan(0, ChunkSize), offset);
            if (read == 0)
                break; // the file shrank while it was read
            _sha256.AppendData(_chunk.AsSpan(0, read));
            check?.Append(_chunk.AsSpan(0, read));
            if (offset < xmp.End)
                xmp.Scanner?.Append(_chunk.AsSpan(0, (int)Math.Min(read, xmp.End - offset)));
            offset += read;
        }
        _sha256.GetHashAndReset(digest);
        return DocumentId.HashFromDigest(digest);
    }

    /// <summary>Opens a file for reading; a name that is not UTF-8 is opened by its bytes.</summary>
    internal static SafeFileHandle OpenRead(string path) =>
        PathBytes.HasEscapes(path) && NativeFiles.IsAvailable
            ? NativeFiles.OpenRead(path)
            : File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);

    private static int ReadFully(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(handle, buffer[total..], offset + total);
            if (read == 0)
                break;
            total += read;
        }
        return total;
    }

    private static ExtractedFile Unreadable(WalkedFile file, string reason) => new()
    {
        Source = file,
        Hash = UnreadableHash.ForPath(file.Path),
        Format = file.FormatByExtension ?? MediaFormats.Other,
        Size = file.Stat.Size,
        InvalidReason = reason,
    };

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_head);
        ArrayPool<byte>.Shared.Return(_chunk);
        _sha256.Dispose();
    }
}
