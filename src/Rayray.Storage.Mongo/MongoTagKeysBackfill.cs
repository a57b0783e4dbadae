using MongoDB.Bson;
using MongoDB.Driver;
using Rayray.Core.Documents;

namespace Rayray.Storage.Mongo;

/// <summary>
/// Schema version 2 looks tags up through <see cref="MongoDocuments.TagKeysField"/>: documents an earlier rayray
/// wrote get theirs once, at start-up, so <c>tag:</c> keeps finding them before their files are read again.
/// Each update filters on the shard key and sets a value computed from the document's own tags: applying one twice,
/// or two scanners doing it at once, is harmless.
/// </summary>
internal static class MongoTagKeysBackfill
{
    private const int BatchSize = 500;

    public static async Task RunAsync(IMongoCollection<BsonDocument> media, CancellationToken cancellationToken)
    {
        var missing = new BsonDocument { { "tags.0", new BsonDocument("$exists", true) }, { MongoDocuments.TagKeysField, new BsonDocument("$exists", false) } };
        var projection = new BsonDocument { { "file.hash", 1 }, { "tags", 1 } };
        using var cursor = await media.Find(missing).Project(projection).ToCursorAsync(cancellationToken);
        var batch = new List<WriteModel<BsonDocument>>(BatchSize);
        while (await cursor.MoveNextAsync(cancellationToken))
        {
            foreach (var document in cursor.Current)
            {
                var tags = document.Field("tags") is BsonArray array ? array.OfType<BsonString>().Select(t => t.Value).ToList() : [];
                var keys = new BsonArray(TagPath.Keys(tags).Select(MongoDocuments.TagKey).Distinct(StringComparer.Ordinal));
                batch.Add(new UpdateOneModel<BsonDocument>(
                    new BsonDocument { { "_id", document["_id"] }, { "file.hash", MongoDocuments.Hash(document) } },
                    new BsonDocument("$set", new BsonDocument(MongoDocuments.TagKeysField, keys))));
                if (batch.Count == BatchSize)
                {
                    await media.BulkWriteAsync(batch, new BulkWriteOptions { IsOrdered = false }, cancellationToken);
                    batch.Clear();
                }
            }
        }
        if (batch.Count > 0)
            await media.BulkWriteAsync(batch, new BulkWriteOptions { IsOrdered = false }, cancellationToken);
    }
}
