using System.Text.Json.Nodes;
using Rayray.Core.Normalization;

namespace Rayray.Core.Extraction.IsoMedia;

/// <summary>
/// What rayray's own reading of an MP4/QuickTime movie gave: the facts (as ffprobe would give them), what was read
/// (for metadataRaw), the camera makers' data, and why ffprobe is still needed when it is (null when the facts are complete).
/// </summary>
internal sealed record IsoMediaRead(AudioVideoFacts? Facts, JsonObject? Raw, string? Gap)
{
    public bool IsComplete => Gap is null && Facts is not null;

    /// <summary>The camera makers' boxes, as EXIF-numbered directories; kept whoever describes the streams.</summary>
    public IReadOnlyList<MetadataExtractor.Directory> CameraDirectories { get; init; } = [];
}
