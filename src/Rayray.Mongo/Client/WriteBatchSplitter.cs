using Rayray.Mongo.Bson;

namespace Rayray.Mongo.Client;

/// <summary>
/// Cuts a list of write statements into commands the server accepts: at most maxWriteBatchSize
/// statements and maxMessageSizeBytes (less room for the command itself) per command. A statement
/// bigger than a document may be is not sent and comes back as that statement's error.
/// </summary>
internal static class WriteBatchSplitter
{
    /// <summary>Room left in each message for the header, the command document and the sequence's framing.</summary>
    internal const int ReservedBytes = 16 * 1024;

    /// <summary>The server allows a statement this much over maxBsonObjectSize for its q/u/upsert wrapper.</summary>
    private const int StatementOverhead = 16 * 1024;

    public const int DocumentTooLargeCode = 10334;

    public sealed record Part(IReadOnlyList<int> Indexes, IReadOnlyList<BsonDocument> Statements);

    public static (IReadOnlyList<Part> Parts, IReadOnlyList<WriteError> Rejected) Split(IReadOnlyList<BsonDocument> statements, HelloResult limits)
    {
        var parts = new List<Part>();
        var rejected = new List<WriteError>();
        var indexes = new List<int>();
        var current = new List<BsonDocument>();
        var bytes = 0L;
        var byteBudget = Math.Max(limits.MaxMessageSizeBytes - ReservedBytes, 1);
        for (var i = 0; i < statements.Count; i++)
        {
            var size = BsonSerializer.Serialize(statements[i]).Length;
            if (size > limits.MaxBsonObjectSize + StatementOverhead)
            {
                rejected.Add(new WriteError(i, DocumentTooLargeCode,
                    $"the statement is {size:N0} bytes, over the server's document limit of {limits.MaxBsonObjectSize:N0}", new BsonDocument()));
                continue;
            }
            if (current.Count > 0 && (current.Count >= limits.MaxWriteBatchSize || bytes + size > byteBudget))
            {
                parts.Add(new Part(indexes, current));
                indexes = [];
                current = [];
                bytes = 0;
            }
            indexes.Add(i);
            current.Add(statements[i]);
            bytes += size;
        }
        if (current.Count > 0)
            parts.Add(new Part(indexes, current));
        return (parts, rejected);
    }
}
