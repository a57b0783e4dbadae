using MongoDB.Bson;
using MongoDB.Driver;
using Rayray.Core.Storage;

namespace Rayray.Storage.Mongo;

/// <summary>
/// The indexes of design.md on <c>media_files</c>, plus what the store's own lookups need
/// (<c>locations.folder</c> for change detection, <c>contentIdentifier</c> for Live Photos), and
/// those of the history and lock collections. Created with explicit names so a second run is a
/// no-op and <c>doctor</c> can tell which are missing. The unique index on <c>file.hash</c> is
/// prefixed by the shard key a sharded cluster uses (<c>{ "file.hash": 1 }</c>, docs/mongodb.md).
/// </summary>
internal static class MongoIndexes
{
    public static IReadOnlyList<CreateIndexModel<BsonDocument>> Media { get; } =
    [
        Index("file_hash", new BsonDocument("file.hash", 1), o => o.Unique = true),
        Index("locations_path", new BsonDocument("locations.path", 1)),
        Index("locations_folder", new BsonDocument("locations.folder", 1)),
        Index("location_2dsphere", new BsonDocument("location", "2dsphere")),
        // One text index per collection. language "none": no stemming or stop words, like the SQLite
        // store. language_override names a field rayray never writes, so a document's own "language"
        // (ffprobe's "eng", "und") is never taken for the index language (error 17262). Version 2
        // added the place names, version 3 the people; the earlier ones are replaced (ReplacedIndexes).
        Index(TextIndex, new BsonDocument
        {
            { "tags", "text" },
            { "people", "text" },
            { "description", "text" },
            { "file.name", "text" },
            { "camera.make", "text" },
            { "camera.model", "text" },
            { "author.name", "text" },
            { "place.city", "text" },
            { "place.region", "text" },
            { "place.country", "text" },
        }, o =>
        {
            o.DefaultLanguage = "none";
            o.LanguageOverride = "textLanguage";
        }),
        Index("timestamps_taken", new BsonDocument("timestamps.taken", 1)),
        Index("kind", new BsonDocument("kind", 1)),
        Index("camera", new BsonDocument { { "camera.make", 1 }, { "camera.model", 1 } }),
        Index("status", new BsonDocument("status", 1)),
        Index("content_identifier", new BsonDocument("contentIdentifier", 1), o => o.Sparse = true),
        Index("place_country", new BsonDocument("place.countryCode", 1), o => o.Sparse = true),
        Index("place_city", new BsonDocument("place.city", 1), o => o.Sparse = true),
        Index("tag_keys", new BsonDocument(MongoDocuments.TagKeysField, 1), o => o.Sparse = true),
        Index("people", new BsonDocument("people", 1)),
        Index("stack_key", new BsonDocument(MongoDocuments.StackKeyField, 1), o => o.Sparse = true),
        Index("stack_id", new BsonDocument("stack.id", 1), o => o.Sparse = true),
    ];

    private const string TextIndex = "media_text_v3";

    /// <summary>
    /// Indexes earlier rayrays created that the current ones replace: dropped (by their own name, never a user's
    /// index) before the current ones are created, since a collection holds one text index only.
    /// </summary>
    public static IReadOnlyList<string> ReplacedIndexes { get; } = ["media_text", "media_text_v2"];

    public static IReadOnlyList<CreateIndexModel<BsonDocument>> Scans { get; } =
    [
        Index("roots_status", new BsonDocument { { "rootsKey", 1 }, { "status", 1 }, { "_id", -1 } }),
    ];

    public static IReadOnlyList<CreateIndexModel<BsonDocument>> Locks { get; } =
    [
        Index("run", new BsonDocument("runId", 1)),
    ];

    public static IEnumerable<string> MediaNames => Media.Select(i => i.Options.Name);

    /// <summary>
    /// Creates the indexes of one collection. Identical existing indexes are fine; one with the same
    /// name or keys but other options is reported with the way out, since rayray will not drop a
    /// user's index by itself.
    /// </summary>
    public static async Task EnsureAsync(IMongoCollection<BsonDocument> collection, IReadOnlyList<CreateIndexModel<BsonDocument>> indexes, string address, CancellationToken cancellationToken)
    {
        if (indexes == Media)
            await DropReplacedAsync(collection, cancellationToken);
        try
        {
            await collection.Indexes.CreateManyAsync(indexes, cancellationToken);
        }
        catch (MongoCommandException e) when (e.Code is MongoErrorCodes.IndexOptionsConflict or MongoErrorCodes.IndexKeySpecsConflict or MongoErrorCodes.CannotCreateIndex)
        {
            var name = collection.CollectionNamespace.CollectionName;
            throw new StoreException(
                $"MongoDB at {address} already has an index on {collection.CollectionNamespace.FullName} that conflicts with rayray's: {e.ErrorMessage}. " +
                "Drop that index (db.getCollection(\"" + name + "\").dropIndex(\"NAME\")) and run rayray again; see docs/mongodb.md.", e);
        }
    }

    private static async Task DropReplacedAsync(IMongoCollection<BsonDocument> collection, CancellationToken cancellationToken)
    {
        HashSet<string> existing;
        try
        {
            using var cursor = await collection.Indexes.ListAsync(cancellationToken);
            existing = (await cursor.ToListAsync(cancellationToken)).Select(i => i.GetValue("name", "").AsString).ToHashSet(StringComparer.Ordinal);
        }
        catch (MongoCommandException e) when (e.Code == MongoErrorCodes.NamespaceNotFound)
        {
            return; // a new database: nothing to replace
        }
        foreach (var name in ReplacedIndexes.Where(existing.Contains))
            await collection.Indexes.DropOneAsync(name, cancellationToken);
    }

    private static CreateIndexModel<BsonDocument> Index(string name, BsonDocument keys, Action<CreateIndexOptions>? configure = null)
    {
        var options = new CreateIndexOptions { Name = name };
        configure?.Invoke(options);
        return new CreateIndexModel<BsonDocument>(keys, options);
    }
}
