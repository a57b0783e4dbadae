namespace Rayray.Core.Documents;

public sealed record Dimensions
{
    public int? Width { get; init; }
    public int? Height { get; init; }

    /// <summary>The shape as displayed ("4:3", "16:9", "3:2", "9:16"): the nearest common ratio within 1%, else the reduced width:height.</summary>
    public string? AspectRatio { get; init; }

    /// <summary>Width × height in millions of pixels, to one decimal.</summary>
    public double? Megapixels { get; init; }

    /// <summary>EXIF orientation 1–8.</summary>
    public int? Orientation { get; init; }

    /// <summary>Seconds, for video and audio.</summary>
    public double? Duration { get; init; }

    /// <summary>Degrees clockwise the picture is rotated for display (video rotation, HEIF irot).</summary>
    public int? Rotation { get; init; }
}
