using MongoDB.Bson;
using MongoDB.Driver;

namespace Rayray.Storage.Mongo;

/// <summary>Aggregations written as stage documents, the way docs/mongodb.md shows them.</summary>
internal static class MongoAggregation
{
    private static readonly AggregateOptions Options = new() { AllowDiskUse = true };

    public static Task<IAsyncCursor<BsonDocument>> AggregateAsync(this IMongoCollection<BsonDocument> collection, IEnumerable<BsonDocument> stages, CancellationToken cancellationToken) =>
        collection.AggregateAsync(PipelineDefinition<BsonDocument, BsonDocument>.Create(stages), Options, cancellationToken);

    public static async Task<List<BsonDocument>> AggregateToListAsync(this IMongoCollection<BsonDocument> collection, IEnumerable<BsonDocument> stages, CancellationToken cancellationToken)
    {
        using var cursor = await collection.AggregateAsync(stages, cancellationToken);
        return await cursor.ToListAsync(cancellationToken);
    }
}
