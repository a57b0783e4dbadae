using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Rayray.Core.Documents;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(MediaDocument))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonNode))]
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

    public static MediaDocument Deserialize(string json) =>
        JsonSerializer.Deserialize(json, DocumentJsonContext.Default.MediaDocument)
        ?? throw new JsonException("A document cannot be null.");

    public static MediaDocument Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, DocumentJsonContext.Default.MediaDocument)
        ?? throw new JsonException("A document cannot be null.");
}
