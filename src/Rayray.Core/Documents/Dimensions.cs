namespace Rayray.Core.Documents;

public sealed record Dimensions
{
    public int? Width { get; init; }
    public int? Height { get; init; }

    /// <summary>EXIF orientation 1–8.</summary>
    public int? Orientation { get; init; }

    /// <summary>Seconds, for video and audio.</summary>
    public double? Duration { get; init; }

    /// <summary>Degrees clockwise the picture is rotated for display (video rotation, HEIF irot).</summary>
    public int? Rotation { get; init; }
}
