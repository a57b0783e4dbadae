using System.Text.Json.Serialization;

namespace Rayray.Core.Documents;

/// <summary>Where a document's position came from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LocationSource>))]
public enum LocationSource
{
    /// <summary>The file's own metadata (EXIF GPS, a movie's location, embedded XMP).</summary>
    [JsonStringEnumMemberName("camera")] Camera,

    /// <summary>The XMP sidecar (set in Lightroom, darktable…).</summary>
    [JsonStringEnumMemberName("sidecar")] Sidecar,

    /// <summary>Interpolated from a track log given with <c>--geotag</c> at the capture's UTC time.</summary>
    [JsonStringEnumMemberName("track")] Track,
}
