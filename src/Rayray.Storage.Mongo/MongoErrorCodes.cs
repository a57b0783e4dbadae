namespace Rayray.Storage.Mongo;

/// <summary>The server's error codes rayray acts on (src/mongo/base/error_codes.yml).</summary>
internal static class MongoErrorCodes
{
    public const int DuplicateKey = 11000;
    public const int CannotCreateIndex = 67;
    public const int IndexOptionsConflict = 85;
    public const int IndexKeySpecsConflict = 86;

    /// <summary>The collection does not exist (listIndexes on a new database).</summary>
    public const int NamespaceNotFound = 26;
}
