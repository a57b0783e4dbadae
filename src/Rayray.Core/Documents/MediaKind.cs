using System.Text.Json.Serialization;

namespace Rayray.Core.Documents;

[JsonConverter(typeof(JsonStringEnumConverter<MediaKind>))]
public enum MediaKind
{
    [JsonStringEnumMemberName("other")] Other,
    [JsonStringEnumMemberName("image")] Image,
    [JsonStringEnumMemberName("video")] Video,
    [JsonStringEnumMemberName("audio")] Audio,
}
