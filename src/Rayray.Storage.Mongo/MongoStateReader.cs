using System.Globalization;
using MongoDB.Bson;
using MongoDB.Driver;
using Rayray.Core.Documents;
using Rayray.Core.Writing;
using Rayray.Core.Writing.Stacking;

namespace Rayray.Storage.Mongo;

/// <summary>
/// Reads what a batch touches (<see cref="WriteStateRequest"/>) in one query, and keeps each
/// content's <c>_id</c> and <c>locations</c> exactly as read: a replacement is conditional on them,
/// so a content another scanner changed in between is noticed (<see cref="MongoWriteModels"/>).
/// </summary>
internal static class MongoStateReader
{
    private static readonly BsonDocument Projection = new()
    {
        { "file.hash", 1 }, { "file.path", 1 }, { "locations", 1 }, { "timestamps.ingested", 1 }, { "kind", 1 }, { "contentIdentifier", 1 },
        { MongoDocuments.StackKeyField, 1 }, { "timestamps.taken", 1 }, { "burstId", 1 }, { "stack", 1 },
    };

    public static async Task<MongoState> ReadAsync(IMongoCollection<BsonDocument> media, WriteStateRequest request, CancellationToken cancellationToken)
    {
        var clauses = new BsonArray();
        if (request.Hashes.Count > 0)
            clauses.Add(new BsonDocument("file.hash", In(request.Hashes)));
        if (request.Paths.Count > 0)
            clauses.Add(new BsonDocument("locations.path", In(request.Paths)));
        if (request.ContentIdentifiers.Count > 0)
            clauses.Add(new BsonDocument("contentIdentifier", In(request.ContentIdentifiers)));
        if (request.StackKeys.Count > 0)
            clauses.Add(new BsonDocument(MongoDocuments.StackKeyField, In(request.StackKeys)));
        var contents = new List<StoredContent>();
        var read = new Dictionary<string, (BsonValue Id, BsonArray Locations)>(StringComparer.Ordinal);
        await AddAsync(media, clauses, contents, read, cancellationToken);
        // The other members of the stacks the contents just read belong to.
        var followUp = request.FollowUpStackKeys(contents);
        if (followUp.Count > 0)
            await AddAsync(media, [new BsonDocument(MongoDocuments.StackKeyField, In(followUp))], contents, read, cancellationToken);
        return new MongoState(new StoredState(contents), read);
    }

    private static async Task AddAsync(
        IMongoCollection<BsonDocument> media, BsonArray clauses, List<StoredContent> contents,
        Dictionary<string, (BsonValue Id, BsonArray Locations)> read, CancellationToken cancellationToken)
    {
        if (clauses.Count == 0)
            return;
        var found = await media.Find(new BsonDocument("$or", clauses)).Project(Projection).ToListAsync(cancellationToken);
        foreach (var stored in found)
        {
            var content = ToContent(stored);
            if (read.ContainsKey(content.Hash))
                continue;
            contents.Add(content);
            read[content.Hash] = (stored["_id"], stored.Field("locations") as BsonArray ?? []);
        }
    }

    private static StoredContent ToContent(BsonDocument stored)
    {
        var file = stored["file"].AsBsonDocument;
        var timestamps = stored.Field("timestamps") as BsonDocument;
        var ingested = timestamps?.Text("ingested");
        var (hash, kind, path) = (file["hash"].AsString, SchemaNames.KindFrom(stored.Text("kind") ?? ""), file.Text("path") ?? "");
        return new StoredContent(
            hash,
            stored["_id"] is BsonString id ? id.Value : stored["_id"].ToString()!,
            kind,
            stored.Text("contentIdentifier"),
            path,
            DateTime.TryParse(ingested, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var when) ? when : DateTime.UtcNow,
            [.. MongoDocuments.Locations(stored).Select(ToLocation)],
            stored.Text(MongoDocuments.StackKeyField) is null ? null
                : StackFacts.Of(hash, path, kind, timestamps?.Text("taken"), stored.Text("burstId"), Membership(stored.Field("stack") as BsonDocument)));
    }

    private static StackMembership? Membership(BsonDocument? stack) =>
        stack?.Text("id") is { } id ? new StackMembership(id, SchemaNames.StackRoleFrom(stack.Text("role") ?? "")) : null;

    public static FileLocation ToLocation(BsonDocument location) =>
        DocumentJson.DeserializeLocation(DocumentBson.ToJson(location, (name, _) => name != MongoDocuments.FolderField));

    private static BsonDocument In(IEnumerable<string> values) => new("$in", new BsonArray(values));
}

/// <summary>The contents a batch touches, and each one's <c>_id</c> and <c>locations</c> exactly as read.</summary>
internal sealed record MongoState(StoredState State, IReadOnlyDictionary<string, (BsonValue Id, BsonArray Locations)> Read);
