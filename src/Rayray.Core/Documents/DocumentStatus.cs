using System.Text.Json.Serialization;

namespace Rayray.Core.Documents;

[JsonConverter(typeof(JsonStringEnumConverter<DocumentStatus>))]
public enum DocumentStatus
{
    /// <summary>Read and understood; <c>errors</c> may still hold notes about metadata that was dropped.</summary>
    [JsonStringEnumMemberName("indexed")] Indexed,

    /// <summary>The file could not be read or is not intact media; <c>errors</c> says why.</summary>
    [JsonStringEnumMemberName("invalid")] Invalid,

    /// <summary>No location of this content exists any more under the roots that were scanned.</summary>
    [JsonStringEnumMemberName("missing")] Missing,
}
