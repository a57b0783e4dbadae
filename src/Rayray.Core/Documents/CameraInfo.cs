using System.Text.Json.Serialization;

namespace Rayray.Core.Documents;

public sealed record CameraInfo
{
    public string? Make { get; init; }
    public string? Model { get; init; }
    public string? Lens { get; init; }
    public string? Software { get; init; }

    /// <summary>Exposure time in seconds.</summary>
    public double? Exposure { get; init; }

    /// <summary>The f-number.</summary>
    public double? Aperture { get; init; }
    public int? Iso { get; init; }

    /// <summary>Focal length in millimetres.</summary>
    public double? FocalLength { get; init; }

    [JsonIgnore]
    public bool IsEmpty =>
        Make is null && Model is null && Lens is null && Software is null &&
        Exposure is null && Aperture is null && Iso is null && FocalLength is null;
}
