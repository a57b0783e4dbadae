using System.Text.Json.Serialization;

namespace Rayray.Core.Documents;

/// <summary>How the UTC offset of a capture time was learned.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OffsetSource>))]
public enum OffsetSource
{
    /// <summary>Recorded beside the date by the camera or the editor (OffsetTimeOriginal, an XMP or IPTC offset).</summary>
    [JsonStringEnumMemberName("camera")] Camera,

    /// <summary>The camera's clock compared with the GPS time stamp (UTC), rounded to the quarter hour.</summary>
    [JsonStringEnumMemberName("gps")] Gps,

    /// <summary>The IANA zone at the position, with its daylight-saving rule on that date.</summary>
    [JsonStringEnumMemberName("location")] Location,
}
