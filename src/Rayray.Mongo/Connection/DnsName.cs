using System.Globalization;
using System.Text;

namespace Rayray.Mongo.Connection;

/// <summary>Domain names in DNS wire format (RFC 1035 section 3.1 and 4.1.4): labels, lengths, compression pointers.</summary>
internal static class DnsName
{
    private const int MaxLabelLength = 63;
    private const int MaxWireLength = 255;
    private const int MaxCompressionJumps = 128;

    /// <summary>Appends <paramref name="name"/> as uncompressed labels ending in the root label.</summary>
    public static void Write(string name, List<byte> destination)
    {
        var ascii = ToAscii(name);
        var wireLength = 1;
        foreach (var label in ascii.Split('.'))
        {
            if (label.Length is 0 or > MaxLabelLength)
                throw new ArgumentException($"'{name}' is not a valid DNS name: every label must have 1 to {MaxLabelLength} characters.", nameof(name));
            wireLength += label.Length + 1;
            destination.Add((byte)label.Length);
            foreach (var c in label)
                destination.Add((byte)c);
        }
        if (wireLength > MaxWireLength)
            throw new ArgumentException($"'{name}' is longer than the {MaxWireLength} bytes a DNS name may have.", nameof(name));
        destination.Add(0);
    }

    /// <summary>
    /// Reads the name at <paramref name="offset"/>, following compression pointers, and moves
    /// <paramref name="offset"/> past the name's bytes at that place. Only pointers to earlier bytes
    /// are accepted, so a crafted message cannot make the reader loop.
    /// </summary>
    public static string Read(ReadOnlySpan<byte> message, ref int offset)
    {
        var name = new StringBuilder();
        var position = offset;
        var jumped = false;
        var jumps = 0;
        var wireLength = 1;
        while (true)
        {
            if (position >= message.Length)
                throw Malformed("a name runs past the end of the message");
            var length = message[position];
            if ((length & 0xC0) == 0xC0)
            {
                if (position + 1 >= message.Length)
                    throw Malformed("a compression pointer is cut short");
                var target = ((length & 0x3F) << 8) | message[position + 1];
                if (target >= position)
                    throw Malformed("a compression pointer does not point backwards");
                if (++jumps > MaxCompressionJumps)
                    throw Malformed("a name has too many compression pointers");
                if (!jumped)
                    offset = position + 2;
                jumped = true;
                position = target;
                continue;
            }
            if ((length & 0xC0) != 0)
                throw Malformed("a name uses an unknown label type");
            if (length == 0)
            {
                if (!jumped)
                    offset = position + 1;
                return name.ToString();
            }
            if (position + 1 + length > message.Length)
                throw Malformed("a label runs past the end of the message");
            wireLength += length + 1;
            if (wireLength > MaxWireLength)
                throw Malformed($"a name is longer than {MaxWireLength} bytes");
            if (name.Length > 0)
                name.Append('.');
            foreach (var b in message.Slice(position + 1, length))
            {
                // Host names are printable ASCII; a dot or a control byte inside a label would make the
                // text form mean another name than the wire form.
                if (b is <= 0x20 or >= 0x7F or (byte)'.')
                    throw Malformed("a label contains a byte that is not printable ASCII");
                name.Append((char)b);
            }
            position += 1 + length;
        }
    }

    /// <summary>Lowercase, without the trailing dot: the form host names are compared and connected to in.</summary>
    public static string Normalize(string name) =>
        name.TrimEnd('.').ToLowerInvariant();

    /// <summary>The name with internationalized labels in their ASCII (punycode) form, without a trailing dot.</summary>
    public static string ToAscii(string name)
    {
        var trimmed = name.EndsWith('.') ? name[..^1] : name;
        if (trimmed.All(char.IsAscii))
            return trimmed;
        try
        {
            return new IdnMapping().GetAscii(trimmed);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"'{name}' is not a valid internationalized domain name.", nameof(name), e);
        }
    }

    private static DnsException Malformed(string reason) => new($"Malformed DNS response: {reason}.");
}
