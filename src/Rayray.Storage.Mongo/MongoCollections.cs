using MongoDB.Bson;
using MongoDB.Driver;

namespace Rayray.Storage.Mongo;

/// <summary>The collections of rayray's database (<see cref="MongoNames"/>), as BSON documents.</summary>
internal sealed class MongoCollections(IMongoDatabase database)
{
    public IMongoDatabase Database { get; } = database;
    public IMongoCollection<BsonDocument> Media { get; } = database.GetCollection<BsonDocument>(MongoNames.Media);
    public IMongoCollection<BsonDocument> Scans { get; } = database.GetCollection<BsonDocument>(MongoNames.Scans);
    public IMongoCollection<BsonDocument> Locks { get; } = database.GetCollection<BsonDocument>(MongoNames.Locks);
    public IMongoCollection<BsonDocument> Meta { get; } = database.GetCollection<BsonDocument>(MongoNames.Meta);
}
