using System.Buffers.Binary;
using System.Text;

namespace Rayray.Mongo.Connection;

/// <summary>
/// A parsed DNS response: header, question and answer section. The authority and additional
/// sections are not read. A truncated response (TC bit) keeps only its header and question: its
/// answers are incomplete and the caller must ask again over TCP.
/// </summary>
internal sealed class DnsResponse
{
    private const int HeaderLength = 12;
    private const ushort InternetClass = 1;

    private DnsResponse(ushort id, ushort flags, string? questionName, DnsRecordType questionType, ushort questionClass, IReadOnlyList<DnsAnswer> answers)
    {
        Id = id;
        IsResponse = (flags & 0x8000) != 0;
        IsTruncated = (flags & 0x0200) != 0;
        ResponseCode = (DnsResponseCode)(flags & 0x000F);
        QuestionName = questionName;
        QuestionType = questionType;
        QuestionClass = questionClass;
        Answers = answers;
    }

    public ushort Id { get; }
    public bool IsResponse { get; }
    public bool IsTruncated { get; }
    public DnsResponseCode ResponseCode { get; }

    /// <summary>The echoed question's name; null when the server sent no question (some error replies).</summary>
    public string? QuestionName { get; }

    public DnsRecordType QuestionType { get; }
    public ushort QuestionClass { get; }
    public IReadOnlyList<DnsAnswer> Answers { get; }

    /// <summary>Whether this is the reply to the query with <paramref name="id"/> asking for <paramref name="name"/>.</summary>
    public bool IsReplyTo(ushort id, string name, DnsRecordType type) =>
        IsResponse
        && Id == id
        && QuestionName is not null
        && string.Equals(DnsName.Normalize(QuestionName), DnsName.Normalize(name), StringComparison.OrdinalIgnoreCase)
        && QuestionType == type
        && QuestionClass == InternetClass;

    public static DnsResponse Parse(ReadOnlySpan<byte> message)
    {
        if (message.Length < HeaderLength)
            throw Malformed("the message is shorter than a DNS header");
        var id = BinaryPrimitives.ReadUInt16BigEndian(message);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(message[2..]);
        var questionCount = BinaryPrimitives.ReadUInt16BigEndian(message[4..]);
        var answerCount = BinaryPrimitives.ReadUInt16BigEndian(message[6..]);
        var offset = HeaderLength;

        string? questionName = null;
        DnsRecordType questionType = 0;
        ushort questionClass = 0;
        for (var i = 0; i < questionCount; i++)
        {
            var name = DnsName.Read(message, ref offset);
            var type = (DnsRecordType)ReadUInt16(message, ref offset);
            var @class = ReadUInt16(message, ref offset);
            if (i == 0)
                (questionName, questionType, questionClass) = (name, type, @class);
        }

        var truncated = (flags & 0x0200) != 0;
        var answers = new List<DnsAnswer>(truncated ? 0 : answerCount);
        if (!truncated)
        {
            for (var i = 0; i < answerCount; i++)
                answers.Add(ReadAnswer(message, ref offset));
        }
        return new DnsResponse(id, flags, questionName, questionType, questionClass, answers);
    }

    private static DnsAnswer ReadAnswer(ReadOnlySpan<byte> message, ref int offset)
    {
        var name = DnsName.Read(message, ref offset);
        var type = (DnsRecordType)ReadUInt16(message, ref offset);
        _ = ReadUInt16(message, ref offset); // CLASS
        offset += 4; // TTL
        var dataLength = ReadUInt16(message, ref offset);
        var dataStart = offset;
        var dataEnd = dataStart + dataLength;
        if (dataEnd > message.Length)
            throw Malformed("a record's data runs past the end of the message");

        // The data is read from the whole message, not a slice, because names in it may point back
        // into earlier parts of the message.
        var answer = type switch
        {
            DnsRecordType.Service => new DnsAnswer(name, type, Service: ReadService(message, dataStart, dataEnd)),
            DnsRecordType.Text => new DnsAnswer(name, type, Text: ReadText(message[dataStart..dataEnd])),
            DnsRecordType.CanonicalName => new DnsAnswer(name, type, CanonicalName: ReadNameWithin(message, dataStart, dataEnd)),
            _ => new DnsAnswer(name, type),
        };
        offset = dataEnd;
        return answer;
    }

    private static SrvRecord ReadService(ReadOnlySpan<byte> message, int start, int end)
    {
        if (end - start < 7)
            throw Malformed("an SRV record is too short");
        var priority = BinaryPrimitives.ReadUInt16BigEndian(message[start..]);
        var weight = BinaryPrimitives.ReadUInt16BigEndian(message[(start + 2)..]);
        var port = BinaryPrimitives.ReadUInt16BigEndian(message[(start + 4)..]);
        var target = ReadNameWithin(message, start + 6, end);
        return new SrvRecord(DnsName.Normalize(target), port, priority, weight);
    }

    private static string ReadNameWithin(ReadOnlySpan<byte> message, int start, int end)
    {
        var offset = start;
        var name = DnsName.Read(message, ref offset);
        if (offset > end)
            throw Malformed("a name runs past the end of its record");
        return name;
    }

    /// <summary>A TXT record's character-strings (each a length byte and that many bytes), concatenated.</summary>
    private static string ReadText(ReadOnlySpan<byte> data)
    {
        var bytes = new List<byte>(data.Length);
        var offset = 0;
        while (offset < data.Length)
        {
            var length = data[offset];
            if (offset + 1 + length > data.Length)
                throw Malformed("a TXT character-string runs past the end of its record");
            foreach (var b in data.Slice(offset + 1, length))
                bytes.Add(b);
            offset += 1 + length;
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static ushort ReadUInt16(ReadOnlySpan<byte> message, ref int offset)
    {
        if (offset + 2 > message.Length)
            throw Malformed("the message ends in the middle of a record");
        var value = BinaryPrimitives.ReadUInt16BigEndian(message[offset..]);
        offset += 2;
        return value;
    }

    private static DnsException Malformed(string reason) => new($"Malformed DNS response: {reason}.");
}
