using System.Buffers.Binary;
using System.Text;

namespace Rayray.Mongo.Bson;

/// <summary>
/// Reads BSON strictly: every length must agree with the bytes it covers, strings must be valid
/// UTF-8 and end with NUL, booleans are 0 or 1, and unknown types are errors. Bad input throws
/// <see cref="BsonFormatException"/> naming the offset.
/// </summary>
public static class BsonBinaryReader
{
    /// <summary>
    /// How many documents and arrays may nest inside the outermost one. The server stores at most 100
    /// levels, and its replies wrap stored documents in a few more (cursor, firstBatch, …).
    /// </summary>
    internal const int MaxDepth = 200;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static BsonDocument ReadDocument(ReadOnlySpan<byte> bytes)
    {
        var at = 0;
        var document = Document(bytes, ref at, 0);
        if (at != bytes.Length)
            throw new BsonFormatException($"{bytes.Length - at} bytes after the end of the document");
        return document;
    }

    /// <summary>Reads one document starting at <paramref name="at"/> and moves past it (for OP_MSG sections holding several).</summary>
    public static BsonDocument ReadDocument(ReadOnlySpan<byte> bytes, ref int at) => Document(bytes, ref at, 0);

    private static BsonDocument Document(ReadOnlySpan<byte> bytes, ref int at, int depth)
    {
        var (start, end) = Frame(bytes, ref at, depth);
        var document = new BsonDocument();
        while (at < end - 1)
        {
            var type = (BsonType)bytes[at++];
            var name = CString(bytes, ref at, end);
            document.Add(name, Value(bytes, ref at, end, type, depth));
        }
        Close(bytes, ref at, start, end);
        return document;
    }

    private static BsonArray Array(ReadOnlySpan<byte> bytes, ref int at, int depth)
    {
        var (start, end) = Frame(bytes, ref at, depth);
        var array = new BsonArray();
        while (at < end - 1)
        {
            var type = (BsonType)bytes[at++];
            CString(bytes, ref at, end); // the keys of an array are its indexes; their text is not checked
            array.Add(Value(bytes, ref at, end, type, depth));
        }
        Close(bytes, ref at, start, end);
        return array;
    }

    private static (int Start, int End) Frame(ReadOnlySpan<byte> bytes, ref int at, int depth)
    {
        if (depth > MaxDepth)
            throw new BsonFormatException($"documents nested more than {MaxDepth} deep at offset {at}");
        if (bytes.Length - at < 5)
            throw new BsonFormatException($"a document at offset {at} needs at least 5 bytes, {bytes.Length - at} remain");
        var start = at;
        var size = BinaryPrimitives.ReadInt32LittleEndian(bytes[at..]);
        if (size < 5 || size > bytes.Length - at)
            throw new BsonFormatException($"a document at offset {at} declares {size} bytes, {bytes.Length - at} remain");
        at += 4;
        return (start, start + size);
    }

    private static void Close(ReadOnlySpan<byte> bytes, ref int at, int start, int end)
    {
        if (at != end - 1 || bytes[end - 1] != 0)
            throw new BsonFormatException($"the document at offset {start} does not end where its size says (byte {end})");
        at = end;
    }

    private static BsonValue Value(ReadOnlySpan<byte> bytes, ref int at, int end, BsonType type, int depth)
    {
        switch (type)
        {
            case BsonType.Double:
                return new BsonDouble(BinaryPrimitives.ReadDoubleLittleEndian(Take(bytes, ref at, end, 8)));
            case BsonType.String:
                return new BsonString(String(bytes, ref at, end));
            case BsonType.Document:
                return Document(bytes[..end], ref at, depth + 1);
            case BsonType.Array:
                return Array(bytes[..end], ref at, depth + 1);
            case BsonType.Binary:
                return Binary(bytes, ref at, end);
            case BsonType.Undefined:
                return BsonUndefined.Value;
            case BsonType.ObjectId:
                return new BsonObjectId(Take(bytes, ref at, end, 12));
            case BsonType.Boolean:
                var flag = Take(bytes, ref at, end, 1)[0];
                return flag switch
                {
                    0 => BsonBoolean.False,
                    1 => BsonBoolean.True,
                    _ => throw new BsonFormatException($"a boolean at offset {at - 1} is {flag}, not 0 or 1"),
                };
            case BsonType.DateTime:
                return new BsonDateTime(BinaryPrimitives.ReadInt64LittleEndian(Take(bytes, ref at, end, 8)));
            case BsonType.Null:
                return BsonNull.Value;
            case BsonType.RegularExpression:
                var pattern = CString(bytes, ref at, end);
                return new BsonRegularExpression(pattern, CString(bytes, ref at, end));
            case BsonType.DbPointer:
                var ns = String(bytes, ref at, end);
                return new BsonDbPointer(ns, new BsonObjectId(Take(bytes, ref at, end, 12)));
            case BsonType.JavaScript:
                return new BsonJavaScript(String(bytes, ref at, end));
            case BsonType.Symbol:
                return new BsonSymbol(String(bytes, ref at, end));
            case BsonType.JavaScriptWithScope:
                return CodeWithScope(bytes, ref at, end, depth);
            case BsonType.Int32:
                return new BsonInt32(BinaryPrimitives.ReadInt32LittleEndian(Take(bytes, ref at, end, 4)));
            case BsonType.Timestamp:
                var timestamp = BinaryPrimitives.ReadUInt64LittleEndian(Take(bytes, ref at, end, 8));
                return new BsonTimestamp((uint)(timestamp >> 32), (uint)timestamp);
            case BsonType.Int64:
                return new BsonInt64(BinaryPrimitives.ReadInt64LittleEndian(Take(bytes, ref at, end, 8)));
            case BsonType.Decimal128:
                var low = BinaryPrimitives.ReadUInt64LittleEndian(Take(bytes, ref at, end, 8));
                return new BsonDecimal128(BinaryPrimitives.ReadUInt64LittleEndian(Take(bytes, ref at, end, 8)), low);
            case BsonType.MinKey:
                return BsonMinKey.Value;
            case BsonType.MaxKey:
                return BsonMaxKey.Value;
            default:
                throw new BsonFormatException($"unknown element type 0x{(byte)type:X2} before offset {at}");
        }
    }

    private static BsonBinary Binary(ReadOnlySpan<byte> bytes, ref int at, int end)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(Take(bytes, ref at, end, 4));
        if (length < 0)
            throw new BsonFormatException($"binary data before offset {at} has a negative length");
        var subtype = Take(bytes, ref at, end, 1)[0];
        if (subtype == 0x02)
        {
            if (length < 4)
                throw new BsonFormatException($"old binary (subtype 2) before offset {at} is shorter than its inner length");
            var inner = BinaryPrimitives.ReadInt32LittleEndian(Take(bytes, ref at, end, 4));
            if (inner != length - 4)
                throw new BsonFormatException($"old binary (subtype 2) before offset {at} declares {inner} bytes inside {length}");
            return new BsonBinary(subtype, Take(bytes, ref at, end, inner).ToArray());
        }
        return new BsonBinary(subtype, Take(bytes, ref at, end, length).ToArray());
    }

    private static BsonJavaScriptWithScope CodeWithScope(ReadOnlySpan<byte> bytes, ref int at, int end, int depth)
    {
        var start = at;
        var total = BinaryPrimitives.ReadInt32LittleEndian(Take(bytes, ref at, end, 4));
        if (total < 14 || total > end - start)
            throw new BsonFormatException($"code with scope at offset {start} declares {total} bytes");
        var code = String(bytes, ref at, start + total);
        var scope = Document(bytes[..(start + total)], ref at, depth + 1);
        if (at != start + total)
            throw new BsonFormatException($"code with scope at offset {start} does not end where its size says");
        return new BsonJavaScriptWithScope(code, scope);
    }

    private static string String(ReadOnlySpan<byte> bytes, ref int at, int end)
    {
        var length = BinaryPrimitives.ReadInt32LittleEndian(Take(bytes, ref at, end, 4));
        if (length < 1 || length > end - at)
            throw new BsonFormatException($"a string before offset {at} declares {length} bytes, {end - at} remain");
        var raw = Take(bytes, ref at, end, length);
        if (raw[^1] != 0)
            throw new BsonFormatException($"a string ending at offset {at} is not terminated by NUL");
        return Decode(raw[..^1], at - length);
    }

    private static string CString(ReadOnlySpan<byte> bytes, ref int at, int end)
    {
        var zero = bytes[at..end].IndexOf((byte)0);
        if (zero < 0)
            throw new BsonFormatException($"a name or pattern at offset {at} is not terminated by NUL");
        var text = Decode(bytes.Slice(at, zero), at);
        at += zero + 1;
        return text;
    }

    private static string Decode(ReadOnlySpan<byte> raw, int offset)
    {
        try
        {
            return Utf8.GetString(raw);
        }
        catch (DecoderFallbackException)
        {
            throw new BsonFormatException($"the text at offset {offset} is not valid UTF-8");
        }
    }

    private static ReadOnlySpan<byte> Take(ReadOnlySpan<byte> bytes, ref int at, int end, int count)
    {
        if (count > end - at)
            throw new BsonFormatException($"{count} bytes are needed at offset {at}, {end - at} remain in the document");
        var span = bytes.Slice(at, count);
        at += count;
        return span;
    }
}
