using System.Text.Json.Serialization;

namespace Rayray.Core.Documents;

/// <summary>What a member is to its stack.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StackRole>))]
public enum StackRole
{
    /// <summary>The picture that stands for the stack: the camera's JPEG or HEIC, a burst's first or chosen shot.</summary>
    [JsonStringEnumMemberName("primary")] Primary,

    /// <summary>The camera RAW of the shot.</summary>
    [JsonStringEnumMemberName("raw")] Raw,

    /// <summary>Another shot of the same burst.</summary>
    [JsonStringEnumMemberName("burst")] Burst,

    /// <summary>An edited or re-rendered copy (<c>-edited</c>, <c>(edited)</c>, Apple's <c>IMG_E</c>, another format of the same shot).</summary>
    [JsonStringEnumMemberName("edit")] Edit,
}
