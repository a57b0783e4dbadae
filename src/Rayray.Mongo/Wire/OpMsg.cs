using System.Buffers.Binary;
using System.Text;
using Rayray.Mongo.Bson;

namespace Rayray.Mongo.Wire;

/// <summary>
/// OP_MSG (MongoDB wire protocol, opcode 2013): a 16-byte header, flag bits, a kind-0 section
/// holding the command, and kind-1 sections holding document sequences (the documents of a
/// multi-document write, so they are not nested in the command). Replies are parsed strictly.
/// </summary>
public static class OpMsg
{
    public const int OpCode = 2013;
    public const int HeaderLength = 16;
    private const uint ChecksumPresent = 1u << 0;
    private const uint MoreToCome = 1u << 1;
    private const uint KnownLowBits = ChecksumPresent | MoreToCome;

    /// <summary>A document sequence (kind-1 section): <c>documents</c> for insert, <c>updates</c> for update, <c>deletes</c> for delete.</summary>
    public sealed record DocumentSequence(string Identifier, IReadOnlyList<BsonDocument> Documents);

    public static byte[] Encode(int requestId, BsonDocument command, IReadOnlyList<DocumentSequence>? sequences = null)
    {
        var body = new BsonBinaryWriter(512);
        body.WriteDocument(command);

        var message = new MemoryStream();
        Span<byte> placeholder = stackalloc byte[HeaderLength + 4];
        message.Write(placeholder); // the header and the flags (0), filled in at the end
        message.WriteByte(0);
        message.Write(body.WrittenSpan);
        foreach (var sequence in sequences ?? [])
        {
            message.WriteByte(1);
            var sizeAt = message.Position;
            message.Write(placeholder[..4]);
            message.Write(Encoding.UTF8.GetBytes(sequence.Identifier));
            message.WriteByte(0);
            foreach (var document in sequence.Documents)
            {
                var each = new BsonBinaryWriter(256);
                each.WriteDocument(document);
                message.Write(each.WrittenSpan);
            }
            var end = message.Position;
            var bytesSoFar = message.GetBuffer();
            BinaryPrimitives.WriteInt32LittleEndian(bytesSoFar.AsSpan((int)sizeAt), (int)(end - sizeAt));
        }

        var bytes = message.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(bytes, bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), requestId);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), 0);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), OpCode);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), 0);
        return bytes;
    }

    /// <summary>The parts of a message header: total length, request id, the id it answers, opcode.</summary>
    public static (int Length, int RequestId, int ResponseTo, int OpCode) ReadHeader(ReadOnlySpan<byte> header) => (
        BinaryPrimitives.ReadInt32LittleEndian(header),
        BinaryPrimitives.ReadInt32LittleEndian(header[4..]),
        BinaryPrimitives.ReadInt32LittleEndian(header[8..]),
        BinaryPrimitives.ReadInt32LittleEndian(header[12..]));

    /// <summary>
    /// Decodes the body of an OP_MSG reply (everything after the header): the kind-0 document, with
    /// any kind-1 sequences added to it as arrays under their identifiers.
    /// </summary>
    public static BsonDocument DecodeReply(ReadOnlySpan<byte> body)
    {
        if (body.Length < 5)
            throw new BsonFormatException("an OP_MSG reply shorter than its flags and one section");
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(body);
        if ((flags & 0xFFFF & ~KnownLowBits) != 0)
            throw new BsonFormatException($"an OP_MSG reply sets unknown required flag bits 0x{flags & 0xFFFF & ~KnownLowBits:X4}");
        if ((flags & ChecksumPresent) != 0)
            body = body[..^4]; // the CRC-32C is not checked: TCP and TLS already protect the bytes
        var at = 4;
        BsonDocument? document = null;
        var sequences = new List<(string, BsonArray)>();
        while (at < body.Length)
        {
            var kind = body[at++];
            if (kind == 0)
            {
                if (document is not null)
                    throw new BsonFormatException("an OP_MSG reply with two kind-0 sections");
                document = BsonBinaryReader.ReadDocument(body, ref at);
            }
            else if (kind == 1)
            {
                var size = BinaryPrimitives.ReadInt32LittleEndian(body[at..]);
                var end = at + size;
                if (size < 5 || end > body.Length)
                    throw new BsonFormatException($"an OP_MSG document sequence declares {size} bytes");
                at += 4;
                var zero = body[at..end].IndexOf((byte)0);
                if (zero < 0)
                    throw new BsonFormatException("an OP_MSG document sequence without an identifier");
                var identifier = Encoding.UTF8.GetString(body.Slice(at, zero));
                at += zero + 1;
                var documents = new BsonArray();
                while (at < end)
                    documents.Add(BsonBinaryReader.ReadDocument(body[..end], ref at));
                sequences.Add((identifier, documents));
            }
            else
            {
                throw new BsonFormatException($"an OP_MSG reply with an unknown section kind {kind}");
            }
        }
        if (document is null)
            throw new BsonFormatException("an OP_MSG reply without a body document");
        foreach (var (identifier, documents) in sequences)
            document[identifier] = documents;
        return document;
    }

    /// <summary>True when the flags of a reply say more replies follow without a request (exhaust); rayray never asks for that.</summary>
    public static bool HasMoreToCome(ReadOnlySpan<byte> body) => (BinaryPrimitives.ReadUInt32LittleEndian(body) & MoreToCome) != 0;
}
