using System.Text;

namespace Rayray.Mongo.Tests.Connection;

/// <summary>Writes DNS messages byte by byte, so tests can craft any reply: compression pointers, odd records, damage.</summary>
internal sealed class DnsMessageBuilder
{
    public const ushort Response = 0x8000;
    public const ushort Truncated = 0x0200;
    public const ushort RecursionAvailable = 0x0080;
    public const ushort NameError = 3;
    public const ushort ServerFailure = 2;
    public const ushort Srv = 33;
    public const ushort Txt = 16;
    public const ushort Cname = 5;

    private readonly List<byte> _bytes = [];

    public int Position => _bytes.Count;

    /// <summary>A reply header echoing the query's id, then the query's own question.</summary>
    public static DnsMessageBuilder ReplyTo(byte[] query, ushort flags, int answerCount) =>
        new DnsMessageBuilder()
            .UInt16((query[0] << 8) | query[1])
            .UInt16(Response | RecursionAvailable | 0x0100 | flags)
            .UInt16(1)
            .UInt16(answerCount)
            .UInt16(0)
            .UInt16(0)
            .Bytes(query[12..]);

    public DnsMessageBuilder UInt16(int value) => Bytes((byte)(value >> 8), (byte)value);

    public DnsMessageBuilder UInt32(uint value) => Bytes((byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value);

    public DnsMessageBuilder Bytes(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    /// <summary>Labels for <paramref name="dottedLabels"/>, ended by the root label or, if given, by a pointer.</summary>
    public DnsMessageBuilder Name(string dottedLabels, int? pointerTo = null)
    {
        if (dottedLabels.Length > 0)
        {
            foreach (var label in dottedLabels.Split('.'))
            {
                _bytes.Add((byte)label.Length);
                _bytes.AddRange(Encoding.ASCII.GetBytes(label));
            }
        }
        return pointerTo is { } offset ? UInt16(0xC000 | offset) : Bytes(0);
    }

    public DnsMessageBuilder Pointer(int offset) => UInt16(0xC000 | offset);

    /// <summary>A resource record of class IN: owner name, type, TTL, then the data with its length filled in.</summary>
    public DnsMessageBuilder Record(Action<DnsMessageBuilder> owner, ushort type, Action<DnsMessageBuilder> data)
    {
        owner(this);
        UInt16(type).UInt16(1).UInt32(300);
        var lengthAt = Position;
        UInt16(0);
        var start = Position;
        data(this);
        var length = Position - start;
        _bytes[lengthAt] = (byte)(length >> 8);
        _bytes[lengthAt + 1] = (byte)length;
        return this;
    }

    /// <summary>An SRV record's data: priority, weight, port, then the target written by <paramref name="target"/>.</summary>
    public static Action<DnsMessageBuilder> SrvData(int priority, int weight, int port, Action<DnsMessageBuilder> target) =>
        b =>
        {
            b.UInt16(priority).UInt16(weight).UInt16(port);
            target(b);
        };

    /// <summary>A TXT record's data: one length-prefixed character-string per argument.</summary>
    public static Action<DnsMessageBuilder> TxtData(params string[] strings) =>
        b =>
        {
            foreach (var text in strings)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                b.Bytes((byte)bytes.Length).Bytes(bytes);
            }
        };

    public byte[] ToArray() => [.. _bytes];
}
