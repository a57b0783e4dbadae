using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Rayray.Core.Documents;

/// <summary>
/// A JSON object kept as the UTF-8 text it was built as: <c>metadataRaw</c> is written into every
/// document and database as it is and parsed only when something looks inside, so the tens of
/// tags of every file are not built into a node tree and serialized again on the way out.
/// </summary>
[JsonConverter(typeof(RawJsonConverter))]
public sealed class RawJson : IEquatable<RawJson>
{
    private readonly byte[] _utf8;

    /// <param name="utf8">One JSON object, already valid (not checked again).</param>
    public RawJson(byte[] utf8) => _utf8 = utf8;

    public static RawJson Empty { get; } = new("{}"u8.ToArray());

    public ReadOnlySpan<byte> Utf8 => _utf8;

    public bool IsEmpty => _utf8.AsSpan().SequenceEqual("{}"u8);

    /// <summary>The object as a node tree (a fresh copy each time).</summary>
    public JsonObject ToJsonObject() => JsonNode.Parse(_utf8) as JsonObject ?? [];

    public JsonNode? this[string key] => ToJsonObject()[key];

    public bool ContainsKey(string key) => ToJsonObject().ContainsKey(key);

    public override string ToString() => Encoding.UTF8.GetString(_utf8);

    public static RawJson FromObject(JsonObject value) => new(JsonSerializer.SerializeToUtf8Bytes(value, DocumentJson.Context.JsonObject));

    public static implicit operator RawJson(JsonObject value) => FromObject(value);

    public bool Equals(RawJson? other) => other is not null && other._utf8.AsSpan().SequenceEqual(_utf8);

    public override bool Equals(object? obj) => Equals(obj as RawJson);

    public override int GetHashCode() => _utf8.Length;
}

/// <summary>Writes the bytes as they are; reads whatever object is there, keeping its text.</summary>
internal sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new JsonException("metadataRaw must be a JSON object");
        return new RawJson(JsonSerializer.SerializeToUtf8Bytes(document.RootElement, DocumentJson.Context.JsonElement));
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Utf8, skipInputValidation: true);
}
