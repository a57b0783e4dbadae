using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Rayray.Core.Documents;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(MediaDocument))]
[JsonSerializable(typeof(List<FileLocation>))]
[JsonSerializable(typeof(FileLocation))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class DocumentJsonContext : JsonSerializerContext;

/// <summary>The one JSON form of a <see cref="MediaDocument"/>, shared by the stores and the CLI.</summary>
public static class DocumentJson
{
    public static JsonSerializerOptions Options => DocumentJsonContext.Default.Options;

    public static string Serialize(MediaDocument document) =>
        JsonSerializer.Serialize(document, DocumentJsonContext.Default.MediaDocument);

    public static byte[] SerializeToUtf8(MediaDocument document) =>
        JsonSerializer.SerializeToUtf8Bytes(document, DocumentJsonContext.Default.MediaDocument);

    public static JsonObject ToJsonObject(MediaDocument document) =>
        (JsonObject)JsonSerializer.SerializeToNode(document, DocumentJsonContext.Default.MediaDocument)!;

    /// <summary>
    /// A document stored in parts — the body written with <c>"locations":[]</c> and
    /// <c>"metadataRaw":{}</c>, the locations, the raw metadata — put back together. The markers
    /// cannot occur inside a string value: quotes in strings are escaped.
    /// </summary>
    public static string Assemble(string body, List<FileLocation> locations, string? metadataRaw)
    {
        if (locations.Count > 0)
            body = Replace(body, "\"locations\":[]", "\"locations\":" + JsonSerializer.Serialize(locations, DocumentJsonContext.Default.ListFileLocation));
        if (!string.IsNullOrEmpty(metadataRaw) && metadataRaw != "{}")
            body = Replace(body, "\"metadataRaw\":{}", "\"metadataRaw\":" + metadataRaw);
        return body;
    }

    private static string Replace(string body, string marker, string replacement)
    {
        // The markers are near the start (locations) and at the very end (metadataRaw).
        var at = marker.StartsWith("\"locations", StringComparison.Ordinal)
            ? body.IndexOf(marker, StringComparison.Ordinal)
            : body.LastIndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? body : string.Concat(body.AsSpan(0, at), replacement, body.AsSpan(at + marker.Length));
    }

    public static FileLocation DeserializeLocation(string json) =>
        JsonSerializer.Deserialize(json, DocumentJsonContext.Default.FileLocation)
        ?? throw new JsonException("A location cannot be null.");

    public static MediaDocument Deserialize(string json) =>
        JsonSerializer.Deserialize(json, DocumentJsonContext.Default.MediaDocument)
        ?? throw new JsonException("A document cannot be null.");

    public static MediaDocument Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, DocumentJsonContext.Default.MediaDocument)
        ?? throw new JsonException("A document cannot be null.");
}
