using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;
using Rayray.Core.Documents;
using System.Text.Json.Nodes;
using MetadataExtractor.Formats.Xmp;
using Rayray.Core.Extraction.Integrity;
using Rayray.Core.Extraction.Probing;
using Rayray.Core.Formats;
using Rayray.Core.Walking;

namespace Rayray.Core.Extraction;

/// <summary>
/// Reads one file: sniffs its format from the first bytes, streams every byte once through
/// SHA-256 and the format's structure check, then parses the metadata headers (from the bytes
/// already in memory where the file is small enough). One instance per worker: it owns its buffers.
/// </summary>
public sealed class FileExtractor(ExtractionOptions options) : IDisposable
{
    private const int HeadCapacity = 1024 * 1024;
    private const int ChunkSize = 1024 * 1024;

    private readonly byte[] _head = ArrayPool<byte>.Shared.Rent(HeadCapacity);
    private readonly byte[] _chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
    private const int MaxSidecarBytes = 16 * 1024 * 1024;

    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly FfprobeRunner? _ffprobe = options.FfprobePath is { } ffprobe ? new FfprobeRunner(ffprobe, options.ProbeTimeout) : null;

    public ExtractedFile Extract(WalkedFile file, CancellationToken cancellationToken)
    {
        SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, FileOptions.SequentialScan);
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
        var length = RandomAccess.GetLength(handle);
        // Files that are media by name are read in one go; others are sniffed first, so a large
        // non-media file costs one small read.
        var firstRead = file.FormatByExtension is null ? Math.Min(length, FormatSniffer.HeaderLength) : Math.Min(length, HeadCapacity);
        var headLength = ReadFully(handle, _head.AsSpan(0, (int)firstRead), 0);

        var sniffed = FormatSniffer.Sniff(_head.AsSpan(0, Math.Min(headLength, FormatSniffer.HeaderLength)), file.FormatByExtension);
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
        var hash = HashAndCheck(handle, head, length, streaming, cancellationToken);
        if (streaming is not null)
        {
            invalid ??= streaming.Finish();
            notes.AddRange(streaming.Notes);
        }

        // A damaged file is still described as far as its headers go.
        IReadOnlyList<MetadataExtractor.Directory> directories = [];
        if (sniffed is not null && length > 0 && format != MediaFormats.Other)
        {
            cancellationToken.ThrowIfCancellationRequested();
            (directories, var damage) = ReadMetadata(format, handle, length, head, notes);
            invalid ??= damage;
        }

        JsonObject? probe = null;
        var probeUnavailable = false;
        if (sniffed is not null && length > 0 && format.Kind is MediaKind.Video or MediaKind.Audio)
        {
            var outcome = _ffprobe?.Probe(file.Path, cancellationToken) ?? ProbeOutcome.Unavailable("ffprobe is not installed");
            probe = outcome.Output;
            probeUnavailable = outcome.ToolUnavailable;
            invalid ??= outcome.Failure;
            if (outcome.Note is not null && !outcome.ToolUnavailable)
                notes.Add(outcome.Note);
        }
        if (probe is null)
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
            ProbeUnavailable = probeUnavailable,
            Sidecar = ReadSidecar(file, notes),
            Notes = notes,
            InvalidReason = invalid,
        };
    }

    private static XmpDirectory? ReadSidecar(WalkedFile file, List<string> notes)
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
            var xmp = new XmpReader().Extract(File.ReadAllBytes(sidecar.Path));
            foreach (var error in xmp.Errors)
                notes.Add($"sidecar {Path.GetFileName(sidecar.Path)}: {error}");
            return xmp.XmpMeta is null ? null : xmp;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            notes.Add($"sidecar {Path.GetFileName(sidecar.Path)} could not be read: {MediaWalker.Describe(e)}");
            return null;
        }
    }

    private (IReadOnlyList<MetadataExtractor.Directory>, string?) ReadMetadata(
        MediaFormat format, SafeFileHandle handle, long length, ReadOnlyMemory<byte> head, List<string> notes)
    {
        var budget = new ReadBudget((16 * length) + (64L * 1024 * 1024), options.PerFileTimeBudget);
        using var stream = new FileWindowStream(handle, length, head, budget);
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            var result = MetadataReading.Read(format, stream, length);
            directories = result.Directories;
            if (result.Note is not null)
                notes.Add(result.Note);
            if (result.Damage is not null)
                return (directories, result.Damage);
        }
        catch (ReadBudgetExceededException e)
        {
            return ([], e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            var reason = $"metadata could not be read ({e.GetType().Name}: {e.Message})";
            if (!MetadataReading.HasIndependentStructureCheck(format))
                return ([], $"cannot read the {format.Name} structure: {e.Message}");
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
        return (directories, damage);
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

    private string HashAndCheck(SafeFileHandle handle, ReadOnlyMemory<byte> head, long length, IStreamingCheck? check, CancellationToken cancellationToken)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        if (head.Length == length)
        {
            check?.Append(head.Span);
            SHA256.HashData(head.Span, digest);
            return DocumentId.HashFromDigest(digest);
        }

        _sha256.AppendData(head.Span);
        check?.Append(head.Span);
        long offset = head.Length;
        while (offset < length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = RandomAccess.Read(handle, _chunk.AsSpan(0, ChunkSize), offset);
            if (read == 0)
                break; // the file shrank while it was read
            _sha256.AppendData(_chunk.AsSpan(0, read));
            check?.Append(_chunk.AsSpan(0, read));
            offset += read;
        }
        _sha256.GetHashAndReset(digest);
        return DocumentId.HashFromDigest(digest);
    }

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
