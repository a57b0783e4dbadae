using System.Globalization;
using Microsoft.Data.Sqlite;
using Rayray.Core.Storage;
using static Rayray.Storage.Sqlite.SqliteTransactions;

namespace Rayray.Storage.Sqlite;

/// <summary>
/// <c>rayray doctor</c> on a database file: read-only, nothing created or migrated. It runs
/// <c>PRAGMA quick_check</c>, which reads every page (seconds for a large library): damage in pages
/// no scan touches is found here.
/// </summary>
internal static class SqliteHealth
{
    public static async Task<StoreHealth> CheckAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return new StoreHealth { Address = path, CurrentSchemaVersion = SqliteSchema.CurrentVersion, NotCreatedYet = true };
        try
        {
            await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync(cancellationToken);
            var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), CultureInfo.InvariantCulture);
            var present = new HashSet<string>(StringComparer.Ordinal);
            await using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT name FROM sqlite_master WHERE type IN ('index', 'table')";
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                    present.Add(reader.GetString(0));
            }
            var documents = present.Contains("media_files") ? Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM media_files"), CultureInfo.InvariantCulture) : (long?)null;
            var damage = QuickCheck(connection);
            return new StoreHealth
            {
                Address = path,
                SchemaVersion = version,
                CurrentSchemaVersion = SqliteSchema.CurrentVersion,
                MissingIndexes = version == SqliteSchema.CurrentVersion ? [.. SqliteSchema.ExpectedIndexes.Where(i => !present.Contains(i))] : [],
                Documents = documents,
                Error = version > SqliteSchema.CurrentVersion ? $"schema version {version} is newer than this rayray understands ({SqliteSchema.CurrentVersion}); upgrade rayray"
                    : damage is not null ? SqliteErrors.Damaged(path, damage).Message
                    : null,
            };
        }
        catch (SqliteException e)
        {
            return new StoreHealth { Address = path, CurrentSchemaVersion = SqliteSchema.CurrentVersion, Error = SqliteErrors.Wrap(e, path, "checking it").Message };
        }
    }

    /// <summary><c>PRAGMA quick_check</c>, which reads every page once (about a second per 200 MB): what it found, or null when the file is intact.</summary>
    public static string? QuickCheck(SqliteConnection connection)
    {
        var verdict = Convert.ToString(Scalar(connection, "PRAGMA quick_check(1)"), CultureInfo.InvariantCulture) ?? "no answer";
        return string.Equals(verdict, "ok", StringComparison.Ordinal) ? null : $"quick_check: {verdict.ReplaceLineEndings(" ")}";
    }
}
