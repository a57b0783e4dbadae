using Rayray.Mongo.Bson;

namespace Rayray.Storage.Mongo;

/// <summary>What the store reads out of stored documents, and how it hands them back as rayray JSON.</summary>
internal static class MongoDocuments
{
    /// <summary>Each location carries its folder for the store's own lookups; it is not part of the schema.</summary>
    public const string FolderField = "folder";

    public static IEnumerable<BsonDocument> Locations(BsonDocument document) =>
        document.GetValueOrDefault("locations") is BsonArray locations ? locations.OfType<BsonDocument>() : [];

    public static IEnumerable<string> LocationPaths(BsonDocument document) =>
        Locations(document).Select(l => l.GetValueOrDefault("path")).OfType<BsonString>().Select(p => p.Value);

    public static string PathOf(BsonDocument location) => location.GetValueOrDefault("path") is BsonString path ? path.Value : "";

    /// <summary>The document as the SQLite store gives it: locations in path order, without the folder field.</summary>
    public static string ToOutputJson(BsonDocument document)
    {
        if (document.GetValueOrDefault("locations") is BsonArray locations)
        {
            var ordered = new BsonArray();
            foreach (var location in locations.OfType<BsonDocument>().OrderBy(PathOf, StringComparer.Ordinal))
                ordered.Add(new BsonDocument(location.Where(e => e.Name != FolderField)));
            document["locations"] = ordered;
        }
        return DocumentBson.ToJson(document);
    }
}
