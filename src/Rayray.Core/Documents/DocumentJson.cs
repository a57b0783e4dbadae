using System.Text.Encodings.Web;
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
    /// <summary>
    /// Text is written as it is ("P 45+", "&lt;", "'", "é"), not as \u escapes: this JSON goes to
    /// terminals, files and databases, never into HTML. Quotes, backslashes and control characters
    /// are still escaped, so the output stays valid JSON and the markers of <see cref="Assemble"/>
    /// still cannot occur inside a string.
    /// </summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = Encoder };

    internal static DocumentJsonContext Context { get; } = new(new JsonSerializerOptions(DocumentJsonContext.Default.Options) { Encoder = Encoder });

    public static JsonSerializerOptions Options => Context.Options;

    public static string Serialize(MediaDocument document) =>
        JsonSerializer.Serialize(document, Context.MediaDocument);

    public static byte[] SerializeToUtf8(MediaDocument document) =>
        JsonSerializer.SerializeToUtf8Bytes(document, Context.MediaDocument);

    public static JsonObject ToJsonObject(MediaDocument document) =>
        (JsonObject)JsonSerializer.SerializeToNode(document, Context.MediaDocument)!;

    /// <summary>
    /// A document stored in parts — the body written with <c>"locations":[]</c> and
    /// <c>"metadataRaw":{}</c>, the locations, the raw metadata — put back together. The markers
    /// cannot occur inside a string value: quotes in strings are escaped.
    /// </summary>
    public static string Assemble(string body, List<FileLocation> locations, string? metadataRaw)
    {
        if (locations.Count > 0)
            body = Replace(body, "\"locations\":[]", "\"locations\":" + JsonSerializer.Serialize(locations, Context.ListFileLocation));
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
        JsonSerializer.Deserialize(json, Context.FileLocation)
        ?? throw new JsonException("A location cannot be null.");

    public static MediaDocument Deserialize(string json) =>
        JsonSerializer.Deserialize(json, Context.MediaDocument)
        ?? throw new JsonException("A document cannot be null.");

    public static MediaDocument Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, Context.MediaDocument)
        ?? throw new JsonException("A document cannot be null.");
}
