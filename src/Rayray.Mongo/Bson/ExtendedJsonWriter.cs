using System.Globalization;
using System.Text;

namespace Rayray.Mongo.Bson;

/// <summary>Writes one document as Canonical or Relaxed Extended JSON, in the form <c>{"a": 1, "b": [true, null]}</c>.</summary>
internal sealed class ExtendedJsonWriter
{
    // The last instant whose year has four digits: Relaxed dates beyond it keep the Canonical form.
    private const long LastFourDigitYearMilliseconds = 253402300799999;
    private readonly StringBuilder _json = new();
    private readonly bool _relaxed;

    private ExtendedJsonWriter(bool relaxed) => _relaxed = relaxed;

    public static string Write(BsonDocument document, bool relaxed)
    {
        var writer = new ExtendedJsonWriter(relaxed);
        writer.WriteDocument(document, 0);
        return writer._json.ToString();
    }

    private void WriteDocument(BsonDocument document, int depth)
    {
        // Also stops a document that contains itself before it overflows the stack and kills the process.
        if (depth > BsonBinaryReader.MaxDepth)
            throw new BsonFormatException($"documents nested more than {BsonBinaryReader.MaxDepth} deep cannot be written (or a document contains itself)");
        _json.Append('{');
        var first = true;
        foreach (var (name, value) in document)
        {
            if (!first)
                _json.Append(", ");
            first = false;
            WriteString(name);
            _json.Append(": ");
            WriteValue(value, depth + 1);
        }
        _json.Append('}');
    }

    private void WriteValue(BsonValue value, int depth)
    {
        if (depth > BsonBinaryReader.MaxDepth)
            throw new BsonFormatException($"documents nested more than {BsonBinaryReader.MaxDepth} deep cannot be written (or an array contains itself)");
        switch (value)
        {
            case BsonDocument document:
                WriteDocument(document, depth);
                break;
            case BsonArray array:
                _json.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                        _json.Append(", ");
                    WriteValue(array[i], depth + 1);
                }
                _json.Append(']');
                break;
            case BsonString s:
                WriteString(s.Value);
                break;
            case BsonBoolean b:
                _json.Append(b.Value ? "true" : "false");
                break;
            case BsonNull:
                _json.Append("null");
                break;
            case BsonInt32 i when _relaxed:
                _json.Append(i.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case BsonInt32 i:
                WriteWrapper("$numberInt", i.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case BsonInt64 l when _relaxed:
                _json.Append(l.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case BsonInt64 l:
                WriteWrapper("$numberLong", l.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case BsonDouble d when _relaxed && double.IsFinite(d.Value):
                _json.Append(DoubleText(d.Value));
                break;
            case BsonDouble d:
                WriteWrapper("$numberDouble", DoubleText(d.Value));
                break;
            case BsonDecimal128 dec:
                WriteWrapper("$numberDecimal", dec.ToString());
                break;
            case BsonDateTime date:
                WriteDate(date.MillisecondsSinceEpoch);
                break;
            case BsonObjectId id:
                WriteWrapper("$oid", id.ToString());
                break;
            case BsonBinary binary:
                _json.Append("{\"$binary\": {\"base64\": ");
                WriteString(Convert.ToBase64String(binary.Bytes));
                _json.Append(", \"subType\": ");
                WriteString(binary.Subtype.ToString("x2", CultureInfo.InvariantCulture));
                _json.Append("}}");
                break;
            case BsonRegularExpression regex:
                _json.Append("{\"$regularExpression\": {\"pattern\": ");
                WriteString(regex.Pattern);
                _json.Append(", \"options\": ");
                WriteString(regex.Options);
                _json.Append("}}");
                break;
            case BsonTimestamp timestamp:
                _json.Append("{\"$timestamp\": {\"t\": ").Append(timestamp.Seconds.ToString(CultureInfo.InvariantCulture))
                    .Append(", \"i\": ").Append(timestamp.Increment.ToString(CultureInfo.InvariantCulture)).Append("}}");
                break;
            case BsonJavaScript js:
                WriteWrapper("$code", js.Code);
                break;
            case BsonJavaScriptWithScope scoped:
                _json.Append("{\"$code\": ");
                WriteString(scoped.Code);
                _json.Append(", \"$scope\": ");
                WriteDocument(scoped.Scope, depth + 1);
                _json.Append('}');
                break;
            case BsonSymbol symbol:
                WriteWrapper("$symbol", symbol.Name);
                break;
            case BsonDbPointer pointer:
                _json.Append("{\"$dbPointer\": {\"$ref\": ");
                WriteString(pointer.Namespace);
                _json.Append(", \"$id\": ");
                WriteWrapper("$oid", pointer.Id.ToString());
                _json.Append("}}");
                break;
            case BsonUndefined:
                _json.Append("{\"$undefined\": true}");
                break;
            case BsonMinKey:
                _json.Append("{\"$minKey\": 1}");
                break;
            case BsonMaxKey:
                _json.Append("{\"$maxKey\": 1}");
                break;
            default:
                throw new BsonFormatException($"cannot write a {value.GetType().Name} as Extended JSON");
        }
    }

    private void WriteDate(long milliseconds)
    {
        if (_relaxed && milliseconds is >= 0 and <= LastFourDigitYearMilliseconds)
        {
            var instant = DateTime.UnixEpoch.AddMilliseconds(milliseconds);
            var format = instant.Millisecond == 0 ? "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'" : "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'";
            _json.Append("{\"$date\": ");
            WriteString(instant.ToString(format, CultureInfo.InvariantCulture));
            _json.Append('}');
            return;
        }
        _json.Append("{\"$date\": ");
        WriteWrapper("$numberLong", milliseconds.ToString(CultureInfo.InvariantCulture));
        _json.Append('}');
    }

    private void WriteWrapper(string key, string text)
    {
        _json.Append("{\"").Append(key).Append("\": ");
        WriteString(text);
        _json.Append('}');
    }

    /// <summary>The shortest text that reads back to the same double, always with a point or an exponent so it stays a non-integer.</summary>
    private static string DoubleText(double value)
    {
        if (double.IsNaN(value))
            return "NaN";
        if (double.IsInfinity(value))
            return value > 0 ? "Infinity" : "-Infinity";
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var exponentAt = text.IndexOf('E', StringComparison.Ordinal);
        if (exponentAt < 0)
            return text.Contains('.', StringComparison.Ordinal) ? text : text + ".0";
        // .NET pads small exponents ("1E-05"); other drivers write "1E-5".
        var exponentDigits = text.AsSpan(exponentAt + 2).TrimStart('0');
        return string.Concat(text.AsSpan(0, exponentAt + 2), exponentDigits);
    }

    private void WriteString(string value)
    {
        _json.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"':
                    _json.Append("\\\"");
                    break;
                case '\\':
                    _json.Append("\\\\");
                    break;
                case '\n':
                    _json.Append("\\n");
                    break;
                case '\r':
                    _json.Append("\\r");
                    break;
                case '\t':
                    _json.Append("\\t");
                    break;
                case '\b':
                    _json.Append("\\b");
                    break;
                case '\f':
                    _json.Append("\\f");
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                        _json.Append(c).Append(value[++i]);
                    else if (c < 0x20 || char.IsSurrogate(c))
                        _json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        _json.Append(c);
                    break;
            }
        }
        _json.Append('"');
    }
}
