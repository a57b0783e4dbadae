using MongoDB.Bson;

namespace Rayray.Storage.Mongo;

/// <summary>What the store reads out of stored documents, and how it hands them back as rayray JSON.</summary>
internal static class MongoDocuments
{
    /// <summary>Each location carries its folder for the store's own lookups; it is not part of the schema.</summary>
    public const string FolderField = "folder";

    /// <summary>
    /// What <c>tag:</c> matches (<see cref="Rayray.Core.Documents.TagPath.Keys"/>: each tag, and each start and the last
    /// level of a tag path), in lower case, so a tag query is one equality on an index; not part of the schema.
    /// </summary>
    public const string TagKeysField = "tagKeys";

    /// <summary>The files a picture may be stacked with (<see cref="Rayray.Core.Writing.Stacking.StackFacts.Key"/>); not part of the schema.</summary>
    public const string StackKeyField = "stackKey";

    /// <summary>A key as <see cref="TagKeysField"/> stores it and a query looks it up.</summary>
    public static string TagKey(string key) => key.ToLowerInvariant();

    /// <summary>The value of a field, or null when the document has none.</summary>
    public static BsonValue? Field(this BsonDocument document, string name) =>
        document.TryGetValue(name, out var value) ? value : null;

    public static string? Text(this BsonDocument document, string name) => document.Field(name) is BsonString text ? text.Value : null;

    public static long Number(this BsonDocument? document, string name) =>
        document?.Field(name) is { IsNumeric: true } value ? value.ToInt64() : 0;

    public static string Hash(BsonDocument document) => document["file"].AsBsonDocument["hash"].AsString;

    public static IEnumerable<BsonDocument> Locations(BsonDocument document) =>
        document.Field("locations") is BsonArray locations ? locations.OfType<BsonDocument>() : [];

    public static IEnumerable<string> LocationPaths(BsonDocument document) =>
        Locations(document).Select(l => l.Text("path")).OfType<string>();

    public static string PathOf(BsonDocument location) => location.Text("path") ?? "";

    /// <summary>
    /// The document as the SQLite store gives it: locations in path order without the folder
    /// field and without the tag and stack keys, Live Photo partners in id order ($addToSet appends).
    /// </summary>
    public static string ToOutputJson(BsonDocument document)
    {
        document.Remove(TagKeysField);
        document.Remove(StackKeyField);
        if (document.Field("locations") is BsonArray locations)
        {
            document["locations"] = new BsonArray(locations.OfType<BsonDocument>()
                .OrderBy(PathOf, StringComparer.Ordinal)
                .Select(l => new BsonDocument(l.Where(e => e.Name != FolderField))));
        }
        if (document.Field("pairedWith") is BsonArray partners)
            document["pairedWith"] = new BsonArray(partners.OrderBy(p => p.ToString(), StringComparer.Ordinal));
        return DocumentBson.ToJson(document);
    }
}
