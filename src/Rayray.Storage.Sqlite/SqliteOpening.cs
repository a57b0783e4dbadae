using Microsoft.Data.Sqlite;

namespace Rayray.Storage.Sqlite;

/// <summary>Opens a connection to the database file with the settings every rayray connection uses.</summary>
internal static class SqliteOpening
{
    /// <summary>SQLite's own wait inside one attempt; Microsoft.Data.Sqlite then retries the statement for a second.</summary>
    private const int BusyTimeoutMilliseconds = 250;

    public static async Task<SqliteConnection> OpenAsync(string path, SqliteOpenMode mode, SqliteLockWait lockWait, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            // Microsoft.Data.Sqlite retries a busy statement for this long (whole seconds, 0 = for ever);
            // the wait for a lock is SqliteLockWait's, so keep this short.
            DefaultTimeout = 1,
        }.ToString());
        await connection.OpenAsync(cancellationToken);
        SQLitePCL.raw.sqlite3_busy_timeout(connection.Handle, BusyTimeoutMilliseconds);
        // WAL lets readers (rayray query) see a consistent state while a scan writes; NORMAL
        // synchronous keeps every committed batch across a crash of the process. Checkpointing at
        // 64 MB of WAL instead of 4 MB copies the index pages that every batch touches into the
        // database file once per many batches; closing the store folds the rest in.
        try
        {
            // Turning a new file to WAL takes its lock for a moment: another rayray may be creating it too.
            lockWait.Run("opening it", () =>
            {
                SqliteTransactions.Execute(connection, """
                    PRAGMA journal_mode = WAL;
                    PRAGMA synchronous = NORMAL;
                    PRAGMA foreign_keys = ON;
                    PRAGMA temp_store = MEMORY;
                    PRAGMA cache_size = -32000;
                    PRAGMA wal_autocheckpoint = 16384;
                    """);
                return true;
            });
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        return connection;
    }
}
