using Rayray.Core.Storage;
using Rayray.Storage.Mongo;
using Rayray.Storage.Sqlite;

namespace Rayray.Cli;

/// <summary>Opens the store an address names (the address itself is a setting: --db, RAYRAY_DB, db in the config file, the embedded default file).</summary>
internal static class StoreFactory
{
    public const string EnvironmentVariable = "RAYRAY_DB";

    public static bool IsMongoAddress(string address) =>
        address.StartsWith("mongodb://", StringComparison.OrdinalIgnoreCase) ||
        address.StartsWith("mongodb+srv://", StringComparison.OrdinalIgnoreCase);

    public static IMediaStore Create(string address)
    {
        if (IsMongoAddress(address))
            return MongoMediaStore.Open(address);
        var path = address.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) ? address["sqlite:".Length..] : address;
        return new SqliteMediaStore(path);
    }
}
