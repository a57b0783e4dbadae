namespace Rayray.Core.Documents;

/// <summary>
/// One path (or URL) where the content was found, with the file-system facts (or, for a URL, the
/// server's validators) used to tell later whether it changed.
/// </summary>
public sealed record FileLocation
{
    public required string Path { get; init; }
    public required long Size { get; init; }
    public required DateTime Modified { get; init; }

    /// <summary>Inode-change time (ctime) where the OS has one.</summary>
    public DateTime? Changed { get; init; }
    public long? Inode { get; init; }
    public long? Device { get; init; }
    public required DateTime Seen { get; init; }

    /// <summary>The XMP sidecar merged into the document, when there is one: a change to it alone is a change to the file.</summary>
    public SidecarFile? Sidecar { get; init; }

    /// <summary>The Google Takeout JSON merged into the document, when there is one; watched like <see cref="Sidecar"/>.</summary>
    public SidecarFile? TakeoutSidecar { get; init; }

    /// <summary>The folder's Picasa ini when it names faces in this file (their names are in <c>people</c>); watched like <see cref="Sidecar"/>.</summary>
    public SidecarFile? PicasaIni { get; init; }

    /// <summary>A file on the web: the ETag its server sent, asked about with If-None-Match on a rescan.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("etag")]
    public string? ETag { get; init; }

    /// <summary>A file on the web: the Last-Modified its server sent (null when it sent none), asked about with If-Modified-Since.</summary>
    public DateTime? LastModified { get; init; }
}

/// <summary>A sidecar (an XMP file: <c>photo.ext.xmp</c> or <c>photo.xmp</c>; a Google Takeout JSON; the folder's <c>.picasa.ini</c>) as it was when read.</summary>
public sealed record SidecarFile(string Path, long Size, DateTime Modified);
