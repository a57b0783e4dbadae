namespace Rayray.Mongo.Bson;

/// <summary>A named value in a document.</summary>
public readonly record struct BsonElement(string Name, BsonValue Value);
