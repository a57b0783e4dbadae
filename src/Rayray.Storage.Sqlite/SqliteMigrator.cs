using System.Data;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Rayray.Core.Storage;

namespace Rayray.Storage.Sqlite;

/// <summary>Brings a database file to <see cref="SqliteSchema.CurrentVersion"/>, one migration per transaction.</summary>
internal static class SqliteMigrator
{
    /// <summary>Migrates; true when anything was written.</summary>
    public static bool Migrate(SqliteConnection connection, string path)
    {
        var version = ReadVersion(connection, path, null);
        if (version == SqliteSchema.CurrentVersion)
            return false;
        if (version > 0 && version < SqliteSchema.CurrentVersion)
            EnsureIntact(connection, path);
        // One process migrates at a time: each step takes the write lock first (BEGIN IMMEDIATE)
        // and reads the version again under it, so two rayrays opening a new file both succeed.
        var wrote = false;
        while (true)
        {
            using var transaction = connection.BeginTransaction(IsolationLevel.Serializable);
            try
            {
                version = ReadVersion(connection, path, transaction);
                if (version == SqliteSchema.CurrentVersion)
                    return wrote;
                if (version == 0 && Convert.ToInt64(SqliteTransactions.Scalar(connection, "SELECT count(*) FROM sqlite_master", transaction), CultureInfo.InvariantCulture) > 0)
                    throw new StoreException($"{path} is an SQLite database but not a rayray one; choose another file with --db");
                SqliteTransactions.Execute(connection, SqliteSchema.Migrations[version], transaction);
                SqliteTransactions.Execute(connection, $"PRAGMA user_version = {version + 1}", transaction);
                SqliteTransactions.Commit(connection, transaction);
                wrote = true;
            }
            catch (SqliteException)
            {
                SqliteTransactions.RollBack(connection, transaction);
                throw;
            }
        }
    }

    public static int ReadVersion(SqliteConnection connection, string path, SqliteTransaction? transaction)
    {
        var version = Convert.ToInt32(SqliteTransactions.Scalar(connection, "PRAGMA user_version", transaction), CultureInfo.InvariantCulture);
        if (version > SqliteSchema.CurrentVersion)
            throw new StoreException($"the database {path} has schema version {version}, newer than this rayray understands ({SqliteSchema.CurrentVersion}); upgrade rayray");
        return version;
    }

    /// <summary>A damaged file is reported before a schema upgrade rewrites tables, and left as it is.</summary>
    private static void EnsureIntact(SqliteConnection connection, string path)
    {
        if (SqliteHealth.QuickCheck(connection) is { } damage)
            throw SqliteErrors.Damaged(path, damage);
    }
}
