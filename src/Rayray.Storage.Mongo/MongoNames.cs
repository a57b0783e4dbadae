namespace Rayray.Storage.Mongo;

/// <summary>The collections rayray keeps in its database, and the document holding the schema version.</summary>
internal static class MongoNames
{
    public const string DefaultDatabase = "rayray";
    public const string Media = "media_files";
    public const string Scans = "scans";
    public const string Locks = "locks";
    public const string Meta = "rayray_meta";
    public const string SchemaDocumentId = "schema";
    public const string ScanCounterId = "scan_counter";

    /// <summary>The layout version of the documents and indexes; raised when a migration is needed.</summary>
    public const int SchemaVersion = 2;

    /// <summary>The version from which documents carry <see cref="MongoDocuments.TagKeysField"/> (<see cref="MongoTagKeysBackfill"/>).</summary>
    public const int TagKeysVersion = 2;
}
