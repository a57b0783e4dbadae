namespace Rayray.Core.Documents;

/// <summary>
/// The short video a motion photo (Google "Motion Photo", Pixel "MicroVideo", Samsung with XMP) carries after
/// its picture, where the file's XMP says it is: its offset from the start of the file and its length in bytes.
/// </summary>
public sealed record MotionPhoto
{
    public required long Offset { get; init; }
    public required long Length { get; init; }

    /// <summary>The video's MIME type as the XMP names it ("video/mp4"), when it does.</summary>
    public string? MimeType { get; init; }
}
