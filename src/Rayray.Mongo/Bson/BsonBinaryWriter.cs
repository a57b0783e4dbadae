using System.Buffers.Binary;
using System.Text;

namespace Rayray.Mongo.Bson;

/// <summary>Writes BSON into a growing buffer; sizes are written as placeholders and filled in when each document ends.</summary>
public sealed class BsonBinaryWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private byte[] _buffer;
    private int _length;

    public BsonBinaryWriter(int capacity = 256) => _buffer = new byte[capacity];

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public byte[] ToArray() => WrittenSpan.ToArray();

    public void WriteDocument(BsonDocument document) => WriteDocument(document, 0);

    private void WriteDocument(BsonDocument document, int depth)
    {
        // Also stops a document that contains itself before it overflows the stack and kills the process.
        if (depth > BsonBinaryReader.MaxDepth)
            throw new BsonFormatException($"documents nested more than {BsonBinaryReader.MaxDepth} deep cannot be written (or a document contains itself)");
        var start = Reserve(4);
        foreach (var (name, value) in document)
            WriteElement(name, value, depth);
        WriteByte(0);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(start), _length - start);
    }

    private void WriteArray(BsonArray array, int depth)
    {
        if (depth > BsonBinaryReader.MaxDepth)
            throw new BsonFormatException($"documents nested more than {BsonBinaryReader.MaxDepth} deep cannot be written (or an array contains itself)");
        var start = Reserve(4);
        for (var i = 0; i < array.Count; i++)
            WriteElement(i.ToString(System.Globalization.CultureInfo.InvariantCulture), array[i], depth);
        WriteByte(0);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(start), _length - start);
    }

    private void WriteElement(string name, BsonValue value, int depth)
    {
        WriteByte((byte)value.Type);
        WriteCString(name, "a field name");
        switch (value)
        {
            case BsonDouble d:
                BinaryPrimitives.WriteDoubleLittleEndian(Span(8), d.Value);
                break;
            case BsonString s:
                WriteString(s.Value);
                break;
            case BsonDocument doc:
                WriteDocument(doc, depth + 1);
                break;
            case BsonArray array:
                WriteArray(array, depth + 1);
                break;
            case BsonBinary binary:
                WriteBinary(binary);
                break;
            case BsonObjectId id:
                id.Bytes.CopyTo(Span(12));
                break;
            case BsonBoolean b:
                WriteByte(b.Value ? (byte)1 : (byte)0);
                break;
            case BsonDateTime date:
                BinaryPrimitives.WriteInt64LittleEndian(Span(8), date.MillisecondsSinceEpoch);
                break;
            case BsonRegularExpression regex:
                WriteCString(regex.Pattern, "a regular expression");
                WriteCString(regex.Options, "regular expression options");
                break;
            case BsonDbPointer pointer:
                WriteString(pointer.Namespace);
                pointer.Id.Bytes.CopyTo(Span(12));
                break;
            case BsonJavaScript js:
                WriteString(js.Code);
                break;
            case BsonSymbol symbol:
                WriteString(symbol.Name);
                break;
            case BsonJavaScriptWithScope scoped:
                var start = Reserve(4);
                WriteString(scoped.Code);
                WriteDocument(scoped.Scope, depth + 1);
                BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(start), _length - start);
                break;
            case BsonInt32 i:
                BinaryPrimitives.WriteInt32LittleEndian(Span(4), i.Value);
                break;
            case BsonTimestamp t:
                BinaryPrimitives.WriteUInt64LittleEndian(Span(8), t.Value);
                break;
            case BsonInt64 l:
                BinaryPrimitives.WriteInt64LittleEndian(Span(8), l.Value);
                break;
            case BsonDecimal128 dec:
                BinaryPrimitives.WriteUInt64LittleEndian(Span(8), dec.Low);
                BinaryPrimitives.WriteUInt64LittleEndian(Span(8), dec.High);
                break;
            case BsonNull or BsonUndefined or BsonMinKey or BsonMaxKey:
                break;
            default:
                throw new BsonFormatException($"cannot write a {value.GetType().Name}");
        }
    }

    private void WriteBinary(BsonBinary binary)
    {
        // Subtype 2 (the old binary) repeats the length inside the value.
        var oldBinary = binary.Subtype == 0x02;
        BinaryPrimitives.WriteInt32LittleEndian(Span(4), binary.Bytes.Length + (oldBinary ? 4 : 0));
        WriteByte(binary.Subtype);
        if (oldBinary)
            BinaryPrimitives.WriteInt32LittleEndian(Span(4), binary.Bytes.Length);
        binary.Bytes.CopyTo(Span(binary.Bytes.Length));
    }

    private void WriteString(string value)
    {
        var count = ByteCount(value, "a string");
        BinaryPrimitives.WriteInt32LittleEndian(Span(4), count + 1);
        Utf8.GetBytes(value, Span(count));
        WriteByte(0);
    }

    private void WriteCString(string value, string what)
    {
        if (value.Contains('\0', StringComparison.Ordinal))
            throw new BsonFormatException($"{what} cannot contain a NUL character");
        var count = ByteCount(value, what);
        Utf8.GetBytes(value, Span(count));
        WriteByte(0);
    }

    private static int ByteCount(string value, string what)
    {
        try
        {
            return Utf8.GetByteCount(value);
        }
        catch (EncoderFallbackException)
        {
            throw new BsonFormatException($"{what} holds an unpaired surrogate, which UTF-8 cannot encode");
        }
    }

    private void WriteByte(byte value) => Span(1)[0] = value;

    private int Reserve(int count)
    {
        var at = _length;
        Span(count);
        return at;
    }

    private Span<byte> Span(int count)
    {
        if (_length + count > _buffer.Length)
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
