using System.Globalization;
using MongoDB.Bson;
using MongoDB.Driver;
using Rayray.Core.Documents;
using Rayray.Core.Writing;

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
        if (clauses.Count == 0)
            return new MongoState(StoredState.Empty, new Dictionary<string, (BsonValue Id, BsonArray Locations)>());

        var found = await media.Find(new BsonDocument("$or", clauses)).Project(Projection).ToListAsync(cancellationToken);
        var contents = new List<StoredContent>(found.Count);
        var read = new Dictionary<string, (BsonValue Id, BsonArray Locations)>(StringComparer.Ordinal);
        foreach (var stored in found)
        {
            var content = ToContent(stored);
            contents.Add(content);
            read[content.Hash] = (stored["_id"], stored.Field("locations") as BsonArray ?? []);
        }
        return new MongoState(new StoredState(contents), read);
    }

    private static StoredContent ToContent(BsonDocument stored)
    {
        var file = stored["file"].AsBsonDocument;
        var ingested = (stored.Field("timestamps") as BsonDocument)?.Text("ingested");
        return new StoredContent(
            file["hash"].AsString,
            stored["_id"] is BsonString id ? id.Value : stored["_id"].ToString()!,
            SchemaNames.KindFrom(stored.Text("kind") ?? ""),
            stored.Text("contentIdentifier"),
            file.Text("path") ?? "",
            DateTime.TryParse(ingested, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var when) ? when : DateTime.UtcNow,
            [.. MongoDocuments.Locations(stored).Select(ToLocation)]);
    }

    public static FileLocation ToLocation(BsonDocument location) =>
        DocumentJson.DeserializeLocation(DocumentBson.ToJson(location, (name, _) => name != MongoDocuments.FolderField));

    private static BsonDocument In(IEnumerable<string> values) => new("$in", new BsonArray(values));
}

/// <summary>The contents a batch touches, and each one's <c>_id</c> and <c>locations</c> exactly as read.</summary>
internal sealed record MongoState(StoredState State, IReadOnlyDictionary<string, (BsonValue Id, BsonArray Locations)> Read);
