namespace Rayray.Mongo.Connection;

/// <summary>Builds a standard query message (RFC 1035 section 4.1) asking one question, recursion desired.</summary>
internal static class DnsQuery
{
    private const ushort RecursionDesired = 0x0100;
    private const ushort InternetClass = 1;

    public static byte[] Build(ushort id, string name, DnsRecordType type)
    {
        var message = new List<byte>(12 + name.Length + 6);
        AddUInt16(message, id);
        AddUInt16(message, RecursionDesired);
        AddUInt16(message, 1); // QDCOUNT
        AddUInt16(message, 0); // ANCOUNT
        AddUInt16(message, 0); // NSCOUNT
        AddUInt16(message, 0); // ARCOUNT
        DnsName.Write(name, message);
        AddUInt16(message, (ushort)type);
        AddUInt16(message, InternetClass);
        return [.. message];
    }

    private static void AddUInt16(List<byte> message, ushort value)
    {
        message.Add((byte)(value >> 8));
        message.Add((byte)value);
    }
}
