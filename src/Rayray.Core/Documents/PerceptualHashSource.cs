using System.Text.Json.Serialization;

namespace Rayray.Core.Documents;

/// <summary>What the perceptual hash was computed from.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PerceptualHashSource>))]
public enum PerceptualHashSource
{
    /// <summary>The small preview the file carries (the EXIF thumbnail): no need to decode the picture itself.</summary>
    [JsonStringEnumMemberName("preview")] Preview,

    /// <summary>The picture itself, decoded at a reduced size.</summary>
    [JsonStringEnumMemberName("image")] Image,
}
