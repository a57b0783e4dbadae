using Rayray.Core.Formats;
using Rayray.Core.Walking;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction;

public enum ExtractionDisposition
{
    /// <summary>Read (or found unreadable): it becomes a document.</summary>
    Extracted,

    /// <summary>Its content is not media and its name did not claim it was; it is left out.</summary>
    NotMedia,

    /// <summary>It disappeared between the walk and the read.</summary>
    Vanished,

    /// <summary>
    /// It changed while it was being read, every time it was tried (still being copied or written):
    /// its bytes match no one version, so it is not indexed now; the next scan reads it.
    /// </summary>
    Unstable,

    /// <summary>A file on the web the server says, or its answer shows, is the one recorded: not read, nothing written.</summary>
    Unchanged,

    /// <summary>
    /// A file on the web that could not be fetched or whose download broke off (an HTTP error, a
    /// timeout, TLS, too many redirects): nothing is written, what the store knew stays, and
    /// <see cref="ExtractedFile.InvalidReason"/> says why.
    /// </summary>
    Failed,
}

/// <summary>What the extractor learned from one file: its content hash, format, raw metadata and what went wrong.</summary>
public sealed record ExtractedFile
{
    public required WalkedFile Source { get; init; }

    /// <summary>The file as it was when opened for reading (the walk may have seen it earlier); null when it was not opened.</summary>
    public FileStat? ReadStat { get; init; }
    public ExtractionDisposition Disposition { get; init; } = ExtractionDisposition.Extracted;

    /// <summary>The content hash, or a path-derived placeholder when the bytes could not be read.</summary>
    public string Hash { get; init; } = "";
    public bool ContentRead { get; init; }
    public required MediaFormat Format { get; init; }
    public long Size { get; init; }
    public long BytesRead { get; init; }
    public IReadOnlyList<Directory> Directories { get; init; } = [];

    /// <summary>The image's perceptual hash and what it was computed from; null for other files, or when it could not be computed.</summary>
    public Similarity.PerceptualHashReading? PerceptualHash { get; init; }

    /// <summary>Problems that leave the file usable: metadata that could not be parsed, tolerated oddities.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>ffprobe's JSON (format and streams), for video and audio that rayray's own movie reader did not describe.</summary>
    public System.Text.Json.Nodes.JsonObject? Probe { get; init; }

    /// <summary>What rayray's own MP4/QuickTime reader read (for metadataRaw); null when it did not run.</summary>
    public System.Text.Json.Nodes.JsonObject? IsoMedia { get; init; }

    /// <summary>The video or audio facts, from rayray's movie reader or from ffprobe's JSON (the same meaning either way).</summary>
    public Normalization.AudioVideoFacts? AudioVideo { get; init; }

    /// <summary>A video or audio file that ffprobe could not look at because it is not installed (or could not run).</summary>
    public bool ProbeUnavailable { get; init; }

    /// <summary>The parsed XMP sidecar, when the file has one.</summary>
    public Xmp.XmpProperties? Sidecar { get; init; }

    /// <summary>The Google Takeout JSON beside the file, as read (empty when it was not a JSON object); null when there is none or it could not be read.</summary>
    public System.Text.Json.Nodes.JsonObject? Takeout { get; init; }

    /// <summary>The people the folder's Picasa ini tagged in the file; null when there is none or it could not be read.</summary>
    public PicasaFaces? Picasa { get; init; }

    /// <summary>The ETag and Last-Modified of a file read from the web, kept to ask next time whether it changed.</summary>
    public Web.WebValidators? Web { get; init; }

    /// <summary>Why the file is not intact, readable media; null when it is.</summary>
    public string? InvalidReason { get; init; }
}
