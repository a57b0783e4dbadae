using Rayray.Mongo.Bson;
using Rayray.Mongo.Client;

namespace Rayray.Storage.Mongo;

/// <summary>The few command shapes the store sends, over the client: find, aggregate, count, writes.</summary>
internal sealed class MongoCommands(MongoClient client, string database)
{
    public MongoClient Client { get; } = client;
    public string Database { get; } = database;

    public IAsyncEnumerable<BsonDocument> FindAsync(string collection, BsonDocument filter, CancellationToken cancellationToken, BsonDocument? projection = null, BsonDocument? sort = null, int? limit = null)
    {
        var command = new BsonDocument { { "find", collection }, { "filter", filter } }
            .AddIfNotNull("projection", projection)
            .AddIfNotNull("sort", sort)
            .AddIfNotNull("limit", limit is { } n ? new BsonInt64(n) : null);
        return Client.QueryAsync(Database, command, cancellationToken);
    }

    public async Task<List<BsonDocument>> FindListAsync(string collection, BsonDocument filter, BsonDocument? projection, CancellationToken cancellationToken, BsonDocument? sort = null, int? limit = null)
    {
        var documents = new List<BsonDocument>();
        await foreach (var document in FindAsync(collection, filter, cancellationToken, projection, sort, limit))
            documents.Add(document);
        return documents;
    }

    public async Task<BsonDocument?> FindOneAsync(string collection, BsonDocument filter, CancellationToken cancellationToken, BsonDocument? projection = null)
    {
        await foreach (var document in FindAsync(collection, filter, cancellationToken, projection, limit: 1))
            return document;
        return null;
    }

    public IAsyncEnumerable<BsonDocument> AggregateAsync(string collection, BsonArray pipeline, CancellationToken cancellationToken) =>
        Client.QueryAsync(Database, new BsonDocument
        {
            { "aggregate", collection },
            { "pipeline", pipeline },
            { "cursor", new BsonDocument() },
            { "allowDiskUse", true },
        }, cancellationToken);

    public async Task<List<BsonDocument>> AggregateListAsync(string collection, BsonArray pipeline, CancellationToken cancellationToken)
    {
        var documents = new List<BsonDocument>();
        await foreach (var document in AggregateAsync(collection, pipeline, cancellationToken))
            documents.Add(document);
        return documents;
    }

    /// <summary>Every write rayray sends is idempotent (conditional replacements, $pull, $addToSet, guarded deletes), so each may be retried once.</summary>
    public Task<WriteResult> UpdateAsync(string collection, IReadOnlyList<BsonDocument> statements, CancellationToken cancellationToken) =>
        statements.Count == 0
            ? Task.FromResult(new WriteResult(0, 0, [], [], null))
            : Client.WriteAsync(Database, collection, WriteKind.Update, statements, ordered: false, retryable: true, cancellationToken);

    public Task<WriteResult> DeleteAsync(string collection, IReadOnlyList<BsonDocument> statements, CancellationToken cancellationToken) =>
        statements.Count == 0
            ? Task.FromResult(new WriteResult(0, 0, [], [], null))
            : Client.WriteAsync(Database, collection, WriteKind.Delete, statements, ordered: false, retryable: true, cancellationToken);

    public Task<WriteResult> InsertAsync(string collection, IReadOnlyList<BsonDocument> documents, CancellationToken cancellationToken) =>
        Client.WriteAsync(Database, collection, WriteKind.Insert, documents, ordered: true, retryable: true, cancellationToken);

    public Task<BsonDocument> RunAsync(BsonDocument command, CancellationToken cancellationToken) =>
        Client.RunCommandAsync(Database, command, retryable: true, cancellationToken);

    public static BsonDocument Update(BsonDocument filter, BsonDocument update, bool upsert = false, bool multi = false) =>
        new BsonDocument { { "q", filter }, { "u", update } }.Add("upsert", upsert).Add("multi", multi);

    public static BsonDocument Delete(BsonDocument filter, bool all = false) =>
        new() { { "q", filter }, { "limit", all ? 0 : 1 } };
}
