using System.Buffers;
using System.Text.Json.Nodes;
using Microsoft.Win32.SafeHandles;
using Rayray.Core.Common;
using Rayray.Core.Documents;
using Rayray.Core.Extraction.Integrity;
using Rayray.Core.Extraction.IsoMedia;
using Rayray.Core.Extraction.Probing;
using Rayray.Core.Formats;
using Rayray.Core.Normalization;
using Rayray.Core.Walking;
using Rayray.Core.Web;

namespace Rayray.Core.Extraction;

/// <summary>
/// Reads one file, on disk or on the web (<see cref="IContentSource"/>): sniffs its format from the
/// first bytes, streams every byte once through SHA-256 and the format's structure check, then
/// parses the metadata headers (from the bytes already in memory where the file is small enough).
/// One instance per worker: it owns its buffers.
/// </summary>
/// <param name="ffprobe">Runs ffprobe on video and audio that rayray's movie reader does not describe; without it they are read from their container headers alone.</param>
/// <param name="web">Fetches the files that are URLs; shared by the workers of a scan.</param>
public sealed class FileExtractor(ExtractionOptions options, FfprobeRunner? ffprobe = null, WebFetcher? web = null) : IDisposable
{
    private const int HeadCapacity = 1024 * 1024;

    private readonly byte[] _head = ArrayPool<byte>.Shared.Rent(HeadCapacity);
    private readonly ContentHasher _hasher = new();

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
        if (file.Web is { } address)
            return ExtractWeb(file, address, cancellationToken);
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
        var extracted = ReadContent(file, new FileContentSource(handle, opened.Size), cancellationToken) with { ReadStat = opened };
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

    /// <summary>
    /// A file on the web: asked for (conditionally on a rescan) and read through the response, or
    /// reported unchanged, or failed with the reason (nothing is written for it then).
    /// </summary>
    private ExtractedFile ExtractWeb(WalkedFile file, WebAddress address, CancellationToken cancellationToken)
    {
        var fetcher = web ?? throw new InvalidOperationException("a URL reached an extractor without a web fetcher");
        var fetch = fetcher.Fetch(address, file.Previous, cancellationToken);
        if (fetch.Kind == WebFetchKind.Failed)
            cancellationToken.ThrowIfCancellationRequested(); // stopped, not failed
        var format = file.FormatByExtension ?? MediaFormats.Other;
        if (fetch.Kind != WebFetchKind.Body)
        {
            return fetch.Kind == WebFetchKind.Unchanged
                ? new ExtractedFile { Source = file, Format = format, Disposition = ExtractionDisposition.Unchanged, Size = file.Previous?.Size ?? 0 }
                : new ExtractedFile { Source = file, Format = format, Disposition = ExtractionDisposition.Failed, InvalidReason = fetch.Reason };
        }
        using var source = fetch.Source!;
        try
        {
            var extracted = ReadContent(file, source, cancellationToken);
            var validators = source.Validators;
            var stat = new FileStat(extracted.Size, validators.LastModified ?? validators.Date ?? DateTime.UtcNow, null, null, null);
            return extracted with { ReadStat = stat, Web = validators };
        }
        catch (IOException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (IOException e)
        {
            // The body broke off or stalled: no hash, so nothing to write; what the store knew stays.
            return new ExtractedFile { Source = file, Format = format, Disposition = ExtractionDisposition.Failed, InvalidReason = e.Message };
        }
    }

    private static string Describe(FileStat before, FileStat after) =>
        before.Size != after.Size
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{before.Size:N0} bytes, then {after.Size:N0}")
            : "rewritten in place";

    private ExtractedFile ReadContent(WalkedFile file, IContentSource source, CancellationToken cancellationToken)
    {
        // Files that are media by name are read in one go; others are sniffed first, so a large
        // non-media file costs one small read. A download of unknown length counts as long until it ends.
        var declared = source.Length ?? long.MaxValue;
        var headWanted = Math.Min(declared, HeadCapacity);
        var firstRead = file.FormatByExtension is null ? Math.Min(declared, FormatSniffer.HeaderLength) : headWanted;
        var headLength = ContentHasher.ReadFully(source, _head.AsSpan(0, (int)firstRead), 0);

        var sniffed = FormatSniffer.Sniff(_head.AsSpan(0, Math.Min(headLength, FormatSniffer.HeaderLength)), file.FormatByExtension) ?? SniffTail(source, headLength);
        var format = sniffed ?? file.FormatByExtension;
        if (format is null)
        {
            if (!options.AllFiles)
                return new ExtractedFile { Source = file, Format = MediaFormats.Other, Disposition = ExtractionDisposition.NotMedia };
            format = MediaFormats.Other;
        }
        if (headLength == firstRead && firstRead < headWanted)
            headLength += ContentHasher.ReadFully(source, _head.AsSpan(headLength, (int)(headWanted - headLength)), headLength);
        var head = _head.AsMemory(0, headLength);
        // A source that ended inside the head has told its length.
        var knownLength = source.Length ?? (headLength < headWanted ? headLength : null);

        var notes = new List<string>();
        string? invalid = null;
        if (knownLength == 0)
            invalid = "empty file (0 bytes)";
        else if (sniffed is null && file.FormatByExtension is not null)
            invalid = $"not a valid {file.FormatByExtension.Name} file: its content is not a format rayray recognizes";
        else if (sniffed is not null && file.FormatByExtension is not null && sniffed.Family != file.FormatByExtension.Family)
            notes.Add($"the name says {file.FormatByExtension.Name} but the content is {sniffed.Name}");

        var streaming = invalid is null ? StreamingCheckFor(format) : null;
        var xmp = sniffed is not null && format.Family != ContainerFamily.Matroska ? new XmpPacketScanner() : null;
        // A JPEG's metadata ends where its scan data starts: the scanner need not read the picture.
        var xmpEnd = (format.Family == ContainerFamily.Jpeg ? ContentHasher.JpegHeadersEnd(head.Span) : null) ?? knownLength ?? long.MaxValue;
        var (hash, hashed) = _hasher.Hash(source, head, knownLength, streaming, (xmp, xmpEnd), cancellationToken);
        var length = knownLength ?? hashed;
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
            (directories, var damage, movie) = MetadataPass.Read(format, source, length, head, hostileXmp, options.PerFileTimeBudget, notes);
            directories = Xmp.XmpPackets.AsProperties(directories);
            invalid ??= damage;
        }

        // Only an intact picture: a damaged one decodes in part, and its hash would describe another picture.
        var perceptual = options.PerceptualHash && invalid is null && sniffed is not null && length > 0
            ? Similarity.PerceptualHasher.Hash(format, source, length, head, directories, options.PerFileTimeBudget, notes)
            : null;

        var (audioVideo, probe, probeUnavailable) = DescribeStreams(file, format, sniffed is not null && length > 0, movie, ref invalid, notes, cancellationToken);
        if (audioVideo is null)
            notes.AddRange(directories.Count == 0 && format != MediaFormats.Other && invalid is null ? [$"no embedded metadata was read from this {format.Name} file"] : []);

        return new ExtractedFile
        {
            Source = file,
            Hash = hash,
            ContentRead = true,
            Format = format,
            Size = length,
            BytesRead = hashed,
            Directories = directories,
            PerceptualHash = perceptual,
            Probe = probe,
            IsoMedia = movie?.Raw,
            AudioVideo = audioVideo,
            ProbeUnavailable = probeUnavailable,
            Sidecar = SidecarReading.Read(file, notes),
            Takeout = TakeoutSidecarReader.Read(file, notes),
            Picasa = PicasaSidecarReader.Read(file, notes),
            Notes = notes,
            InvalidReason = invalid,
        };
    }

    /// <summary>
    /// A video's or audio file's facts: rayray's movie reader's when complete; else ffprobe's, which
    /// reads the containers the reader does not and the movies it could not describe the way ffprobe
    /// would (<see cref="IsoMediaRead.Gap"/> says why: another codec, no duration, …). A file on the
    /// web is never given to ffprobe: it would download the file again, with the credentials on its
    /// command line; what this one read gave describes it.
    /// </summary>
    private (AudioVideoFacts? Facts, JsonObject? Probe, bool ProbeUnavailable) DescribeStreams(
        WalkedFile file, MediaFormat format, bool readable, IsoMediaRead? movie, ref string? invalid, List<string> notes, CancellationToken cancellationToken)
    {
        if (movie is { IsComplete: true })
            return (movie.Facts, null, false);
        if (!readable || format.Kind is not (MediaKind.Video or MediaKind.Audio))
            return (null, null, false);
        if (file.Web is not null)
        {
            notes.Add($"ffprobe is not run on files on the web: this {format.Name} file is described from its container headers only{(movie?.Gap is { } gap ? $" ({gap})" : "")}");
            return (movie?.Facts, null, false);
        }
        var outcome = ffprobe?.Probe(file.Path, cancellationToken) ?? ProbeOutcome.Unavailable("ffprobe is not installed");
        invalid ??= outcome.Failure;
        if (outcome.Note is not null && !outcome.ToolUnavailable)
            notes.Add(outcome.Note);
        // Without ffprobe's answer, what the movie reader did read still describes the file.
        return (outcome.Output is { } probe ? FfprobeFacts.Read(probe) : movie?.Facts, outcome.Output, outcome.ToolUnavailable);
    }

    /// <summary>Reads the last bytes only for a file whose first bytes were not recognized (and whose end can be read before the rest).</summary>
    private MediaFormat? SniffTail(IContentSource source, int headLength)
    {
        Span<byte> tail = stackalloc byte[FormatSniffer.TailLength];
        if (source.Length is not { } length || length < tail.Length)
            return null;
        int read;
        try
        {
            read = ContentHasher.ReadFully(source, tail, length - tail.Length);
        }
        catch (ContentGapException)
        {
            return null; // a download: its end comes last
        }
        return FormatSniffer.SniffTail(_head.AsSpan(0, Math.Min(headLength, FormatSniffer.HeaderLength)), tail[..read]);
    }

    private static IStreamingCheck? StreamingCheckFor(MediaFormat format) => format.Family switch
    {
        ContainerFamily.Jpeg => new JpegStructureCheck(),
        ContainerFamily.Png => new PngStructureCheck(),
        _ => null,
    };

    /// <summary>Opens a file for reading; a name that is not UTF-8 is opened by its bytes.</summary>
    internal static SafeFileHandle OpenRead(string path) =>
        PathBytes.HasEscapes(path) && NativeFiles.IsAvailable
            ? NativeFiles.OpenRead(path)
            : File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);

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
        _hasher.Dispose();
    }
}
