using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MongoDB.Bson;

namespace Rayray.Storage.Mongo;

/// <summary>
/// rayray's JSON documents to the driver's BSON and back, value for value: strings stay strings (dates included:
/// a capture time keeps its own offset or none), integers become int32/int64, other numbers doubles.
/// Field names MongoDB before 5.0 refuses — a dot anywhere, a leading <c>$</c>, a NUL (metadataRaw
/// keys such as <c>com.apple.quicktime.make</c>) — are stored with look-alike characters and restored on the way out.
/// </summary>
internal static class DocumentBson
{
    private const char Dot = '.';
    private const char StoredDot = '\uFF0E';
    private const char Dollar = '$';
    private const char StoredDollar = '\uFF04';
    private const char StoredNul = '\u2400';

    public static BsonDocument FromJson(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 128 });
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("a document must be a JSON object");
        return ReadObject(ref reader);
    }

    public static BsonDocument FromJson(string json) => FromJson(Encoding.UTF8.GetBytes(json));

    public static string ToJson(BsonDocument document, Func<string, BsonValue, bool>? keep = null)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
            WriteDocument(writer, document, keep);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void WriteDocument(Utf8JsonWriter writer, BsonDocument document, Func<string, BsonValue, bool>? keep = null)
    {
        writer.WriteStartObject();
        foreach (var element in document)
        {
            if (keep is not null && !keep(element.Name, element.Value))
                continue;
            writer.WritePropertyName(RestoreName(element.Name));
            WriteValue(writer, element.Value);
        }
        writer.WriteEndObject();
    }

    public static void WriteValue(Utf8JsonWriter writer, BsonValue value)
    {
        switch (value)
        {
            case BsonDocument document:
                WriteDocument(writer, document);
                break;
            case BsonArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                    WriteValue(writer, item);
                writer.WriteEndArray();
                break;
            case BsonString text:
                writer.WriteStringValue(text.Value);
                break;
            case BsonInt32 i:
                writer.WriteNumberValue(i.Value);
                break;
            case BsonInt64 l:
                writer.WriteNumberValue(l.Value);
                break;
            case BsonDouble d when double.IsFinite(d.Value):
                writer.WriteNumberValue(d.Value);
                break;
            case BsonDouble d:
                writer.WriteStringValue(d.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case BsonBoolean b:
                writer.WriteBooleanValue(b.Value);
                break;
            case BsonDateTime date when date.IsValidDateTime:
                writer.WriteStringValue(date.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                break;
            case BsonDateTime date:
                writer.WriteStringValue(date.MillisecondsSinceEpoch.ToString(CultureInfo.InvariantCulture));
                break;
            case BsonObjectId id:
                writer.WriteStringValue(id.Value.ToString());
                break;
            case BsonNull or BsonUndefined:
                writer.WriteNullValue();
                break;
            default:
                // Nothing rayray writes; another tool may have added it. Shown as text rather than dropped.
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    private static BsonDocument ReadObject(ref Utf8JsonReader reader)
    {
        var document = new BsonDocument();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = StoreName(reader.GetString()!);
            reader.Read();
            document.Add(name, ReadValue(ref reader));
        }
        return document;
    }

    private static BsonValue ReadValue(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return ReadObject(ref reader);
            case JsonTokenType.StartArray:
                var array = new BsonArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    array.Add(ReadValue(ref reader));
                return array;
            case JsonTokenType.String:
                return new BsonString(reader.GetString()!);
            case JsonTokenType.Number:
                if (reader.TryGetInt32(out var i))
                    return new BsonInt32(i);
                if (reader.TryGetInt64(out var l))
                    return new BsonInt64(l);
                return new BsonDouble(reader.GetDouble());
            case JsonTokenType.True:
                return BsonBoolean.True;
            case JsonTokenType.False:
                return BsonBoolean.False;
            default:
                return BsonNull.Value;
        }
    }

    /// <summary>The name as MongoDB may store it.</summary>
    public static string StoreName(string name)
    {
        if (name.AsSpan().IndexOfAny(".\0") < 0 && !name.StartsWith(Dollar))
            return name;
        var stored = name.Replace(Dot, StoredDot).Replace('\0', StoredNul);
        return stored.StartsWith(Dollar) ? StoredDollar + stored[1..] : stored;
    }

    /// <summary>The name as rayray wrote it.</summary>
    public static string RestoreName(string stored)
    {
        if (stored.AsSpan().IndexOfAny([StoredDot, StoredDollar, StoredNul]) < 0)
            return stored;
        var name = stored.Replace(StoredDot, Dot).Replace(StoredNul, '\0');
        return name.StartsWith(StoredDollar) ? Dollar + name[1..] : name;
    }
}
