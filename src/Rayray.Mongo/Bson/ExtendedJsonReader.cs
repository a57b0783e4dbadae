using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Rayray.Mongo.Bson;

/// <summary>
/// Reads Canonical and Relaxed Extended JSON. A nested object holding any type-wrapper key must be
/// exactly that wrapper, with values of the right JSON types; objects with other <c>$</c> keys
/// (<c>$regex</c>, <c>$type</c>, DBRefs) are ordinary documents, as the specification requires.
/// </summary>
internal static partial class ExtendedJsonReader
{
    // The specification asks parsers for at least 200 levels: wrappers double the apparent depth of BSON's 100.
    private const int MaxDepth = 200;

    private static readonly HashSet<string> WrapperKeys =
    [
        "$oid", "$symbol", "$numberInt", "$numberLong", "$numberDouble", "$numberDecimal", "$binary", "$uuid",
        "$code", "$scope", "$timestamp", "$regularExpression", "$dbPointer", "$date", "$minKey", "$maxKey", "$undefined",
    ];

    public static BsonDocument Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var parsed = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
                throw new BsonFormatException($"Extended JSON must be an object, not {parsed.RootElement.ValueKind}");
            // The top level is always a document, even when its keys look like a type wrapper.
            return Document([.. parsed.RootElement.EnumerateObject()]);
        }
        catch (JsonException e)
        {
            throw new BsonFormatException($"not valid JSON: {e.Message}", e);
        }
        catch (ArgumentException e)
        {
            throw new BsonFormatException($"not valid JSON text: {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // JsonElement's string accessors throw this for escapes that are not valid UTF-16.
            throw new BsonFormatException($"invalid text in Extended JSON: {e.Message}", e);
        }
    }

    private static BsonDocument Document(List<JsonProperty> properties)
    {
        var document = new BsonDocument();
        foreach (var property in properties)
        {
            if (property.Name.Contains('\0', StringComparison.Ordinal))
                throw new BsonFormatException($"the key '{property.Name.Replace("\0", "\\u0000", StringComparison.Ordinal)}' contains a NUL character");
            document.Add(property.Name, Value(property.Value));
        }
        return document;
    }

    private static BsonValue Value(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => Object(element),
        JsonValueKind.Array => new BsonArray(element.EnumerateArray().Select(Value)),
        JsonValueKind.String => new BsonString(element.GetString()!),
        JsonValueKind.Number => Number(element.GetRawText()),
        JsonValueKind.True => BsonBoolean.True,
        JsonValueKind.False => BsonBoolean.False,
        JsonValueKind.Null => BsonNull.Value,
        _ => throw new BsonFormatException($"unexpected JSON {element.ValueKind}"),
    };

    /// <summary>Relaxed numbers: integers take the smallest integer type that holds them, everything else is a double.</summary>
    private static BsonValue Number(string raw)
    {
        if (raw.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
        {
            if (int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var int32))
                return new BsonInt32(int32);
            if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var int64))
                return new BsonInt64(int64);
        }
        return new BsonDouble(double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture));
    }

    private static BsonValue Object(JsonElement element)
    {
        List<JsonProperty> properties = [.. element.EnumerateObject()];
        var key = properties.Select(p => p.Name).FirstOrDefault(WrapperKeys.Contains);
        if (key is null)
            return Document(properties);
        if (key is "$code" or "$scope")
            return Code(properties);
        if (properties.Count != 1)
            throw new BsonFormatException($"{key} must be the only key of its object, found {string.Join(", ", properties.Select(p => p.Name))}");

        var value = properties[0].Value;
        return key switch
        {
            "$oid" => ObjectId(value),
            "$symbol" => new BsonSymbol(String(value, key)),
            "$numberInt" => new BsonInt32((int)Integer(value, key, int.MinValue, int.MaxValue)),
            "$numberLong" => new BsonInt64(Integer(value, key, long.MinValue, long.MaxValue)),
            "$numberDouble" => new BsonDouble(Double(String(value, key))),
            "$numberDecimal" => BsonDecimal128.Parse(String(value, key)),
            "$binary" => Binary(value),
            "$uuid" => Uuid(String(value, key)),
            "$timestamp" => Timestamp(value),
            "$regularExpression" => RegularExpression(value),
            "$dbPointer" => DbPointer(value),
            "$date" => Date(value),
            "$minKey" => One(value, key, BsonMinKey.Value),
            "$maxKey" => One(value, key, BsonMaxKey.Value),
            "$undefined" => value.ValueKind == JsonValueKind.True ? BsonUndefined.Value : throw Wrong(key, "true"),
            _ => throw new UnreachableException($"no reader for {key}"),
        };
    }

    private static BsonValue Code(List<JsonProperty> properties)
    {
        var code = properties.Where(p => p.Name == "$code").ToList();
        var scope = properties.Where(p => p.Name == "$scope").ToList();
        if (code.Count != 1 || scope.Count > 1 || code.Count + scope.Count != properties.Count)
            throw new BsonFormatException($"$code takes only an optional $scope beside it, found {string.Join(", ", properties.Select(p => p.Name))}");
        var text = String(code[0].Value, "$code");
        if (scope.Count == 0)
            return new BsonJavaScript(text);
        return Value(scope[0].Value) is BsonDocument document ? new BsonJavaScriptWithScope(text, document) : throw Wrong("$scope", "a document");
    }

    private static BsonObjectId ObjectId(JsonElement value)
    {
        var hex = String(value, "$oid");
        if (hex.Length != 24 || !hex.All(char.IsAsciiHexDigit))
            throw Wrong("$oid", "24 hexadecimal digits");
        return new BsonObjectId(Convert.FromHexString(hex));
    }

    private static long Integer(JsonElement value, string key, long min, long max)
    {
        var text = String(value, key);
        var digits = text.StartsWith('-') ? text[1..] : text;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit) ||
            !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
            throw Wrong(key, $"an integer from {min} to {max} as a string");
        return number;
    }

    private static double Double(string text)
    {
        switch (text)
        {
            case "Infinity":
                return double.PositiveInfinity;
            case "-Infinity":
                return double.NegativeInfinity;
            case "NaN":
                // The quiet NaN other drivers write, not .NET's negative one.
                return BitConverter.Int64BitsToDouble(0x7FF8000000000000);
        }
        if (text.Length == 0 || !text.All(c => char.IsAsciiDigit(c) || c is '-' or '+' or '.' or 'e' or 'E') ||
            !double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number))
            throw Wrong("$numberDouble", "a decimal number, \"Infinity\", \"-Infinity\" or \"NaN\" as a string");
        return number;
    }

    private static BsonBinary Binary(JsonElement value)
    {
        var fields = Fields(value, "$binary", "base64", "subType");
        var subtype = String(fields["subType"], "subType");
        if (subtype.Length is < 1 or > 2 || !subtype.All(char.IsAsciiHexDigit))
            throw Wrong("subType", "one or two hexadecimal digits");
        var base64 = String(fields["base64"], "base64");
        try
        {
            return new BsonBinary(byte.Parse(subtype, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture), Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            throw Wrong("base64", "padded base64");
        }
    }

    /// <summary>A UUID in its 8-4-4-4-12 form, or as 32 digits without hyphens, as binary subtype 4.</summary>
    private static BsonBinary Uuid(string text)
    {
        var hyphenated = text.Length == 36 && text[8] == '-' && text[13] == '-' && text[18] == '-' && text[23] == '-';
        var hex = hyphenated ? text.Replace("-", "", StringComparison.Ordinal) : text;
        if (hex.Length != 32 || !hex.All(char.IsAsciiHexDigit))
            throw Wrong("$uuid", "a UUID such as 73ffd264-44b3-4c69-90e8-e7d1dfc035d4");
        return new BsonBinary(4, Convert.FromHexString(hex));
    }

    private static BsonTimestamp Timestamp(JsonElement value)
    {
        var fields = Fields(value, "$timestamp", "t", "i");
        return new BsonTimestamp(UnsignedInteger(fields["t"], "t"), UnsignedInteger(fields["i"], "i"));
    }

    private static uint UnsignedInteger(JsonElement value, string key)
    {
        if (value.ValueKind != JsonValueKind.Number)
            throw Wrong(key, "a number");
        var raw = value.GetRawText();
        if (!raw.All(char.IsAsciiDigit) || !uint.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            throw Wrong(key, "an integer from 0 to 4294967295");
        return number;
    }

    private static BsonRegularExpression RegularExpression(JsonElement value)
    {
        var fields = Fields(value, "$regularExpression", "pattern", "options");
        var pattern = String(fields["pattern"], "pattern");
        var options = String(fields["options"], "options");
        if (pattern.Contains('\0', StringComparison.Ordinal) || options.Contains('\0', StringComparison.Ordinal))
            throw new BsonFormatException("a regular expression's pattern and options cannot contain a NUL character");
        return new BsonRegularExpression(pattern, options);
    }

    private static BsonDbPointer DbPointer(JsonElement value)
    {
        var fields = Fields(value, "$dbPointer", "$ref", "$id");
        var ns = String(fields["$ref"], "$ref");
        return Value(fields["$id"]) is BsonObjectId id ? new BsonDbPointer(ns, id) : throw Wrong("$id", "an {\"$oid\": …} ObjectId");
    }

    private static BsonDateTime Date(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => new BsonDateTime(IsoMilliseconds(value.GetString()!)),
        JsonValueKind.Object when Value(value) is BsonInt64 milliseconds => new BsonDateTime(milliseconds.Value),
        _ => throw Wrong("$date", "an ISO-8601 string or {\"$numberLong\": …}"),
    };

    /// <summary>RFC 3339 date-time: any number of fraction digits (kept to the millisecond), Z or a ±hh:mm offset.</summary>
    private static long IsoMilliseconds(string text)
    {
        var match = IsoDateTime().Match(text);
        if (!match.Success)
            throw Wrong("$date", "an ISO-8601 date and time such as 2012-12-24T12:15:30.501Z");
        int Part(string name) => int.Parse(match.Groups[name].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);
        var offset = TimeSpan.Zero;
        if (match.Groups["offsetSign"].Success)
        {
            offset = new TimeSpan(Part("offsetHours"), Part("offsetMinutes"), 0);
            if (match.Groups["offsetSign"].ValueSpan[0] == '-')
                offset = -offset;
        }
        var fraction = match.Groups["fraction"].Value;
        var milliseconds = fraction.Length == 0 ? 0 : int.Parse(fraction.PadRight(3, '0').AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture);
        try
        {
            var instant = new DateTimeOffset(Part("year"), Part("month"), Part("day"), Part("hour"), Part("minute"), Part("second"), offset);
            return instant.ToUnixTimeMilliseconds() + milliseconds;
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Wrong("$date", "a date and time that exists");
        }
    }

    [GeneratedRegex(@"^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})[Tt](?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2})(?:\.(?<fraction>\d+))?(?:[Zz]|(?<offsetSign>[+-])(?<offsetHours>\d{2}):?(?<offsetMinutes>\d{2}))$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDateTime();

    private static BsonValue One(JsonElement value, string key, BsonValue result) =>
        value.ValueKind == JsonValueKind.Number && value.GetRawText() == "1" ? result : throw Wrong(key, "the number 1");

    /// <summary>The fields of a wrapper's inner object, which must be exactly <paramref name="names"/>, each once.</summary>
    private static Dictionary<string, JsonElement> Fields(JsonElement value, string key, params string[] names)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Wrong(key, $"an object with {string.Join(" and ", names)}");
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (!names.Contains(property.Name, StringComparer.Ordinal) || !fields.TryAdd(property.Name, property.Value))
                throw new BsonFormatException($"{key} takes {string.Join(" and ", names)} once each, not '{property.Name}'");
        }
        if (fields.Count != names.Length)
            throw new BsonFormatException($"{key} needs {string.Join(" and ", names)}, found {string.Join(", ", fields.Keys)}");
        return fields;
    }

    private static string String(JsonElement value, string key) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Wrong(key, "a string");

    private static BsonFormatException Wrong(string key, string expected) => new($"{key} must be {expected}");
}
