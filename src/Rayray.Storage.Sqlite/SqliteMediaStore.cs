using System.Data;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Rayray.Core.Documents;
using System.Runtime.CompilerServices;
using Rayray.Core.Extraction;
using Rayray.Core.Query;
using Rayray.Core.Storage;

namespace Rayray.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Documents are kept as JSON beside the columns
/// that give the MongoDB indexes' capabilities: a unique hash, the locations table (path, folder),
/// FTS5 for text, an R*Tree for geo, and ordinary indexes for kind, status, taken and camera.
/// One connection writes and one reads, so change detection runs while batches are written.
/// <para>
/// When another process holds the database's lock, an operation waits for it up to
/// <see cref="LockTimeout"/> and then fails naming the file; a stop (<see cref="StopWaitingOn"/>)
/// ends the wait at once. Writes take the lock when their transaction begins (BEGIN IMMEDIATE),
/// so a batch never fails half-way for a lock. SQLite reports damaged pages when a statement meets
/// them: the transaction is rolled back and nothing more is written to the file. A full check
/// (<c>PRAGMA quick_check</c>) reads every page, seconds for a large library, so it runs in
/// <c>rayray doctor</c> and before a schema upgrade, not before every scan.
/// </para>
/// </summary>
public sealed class SqliteMediaStore : IMediaStore
{
    /// <summary>How long an operation waits for another process's lock on the database before it fails.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(10);

    /// <summary>SQLite's own wait inside one attempt; Microsoft.Data.Sqlite then retries the statement for a second.</summary>
    private const int BusyTimeoutMilliseconds = 250;

    private readonly string _path;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _readLock = new(1, 1);
    private SqliteConnection? _writer;
    private SqliteConnection? _reader;
    private WriteCommands? _commands;
    private CancellationToken _stopWaiting;
    private bool _wrote;
    private string? _damage;

    static SqliteMediaStore() => SQLitePCL.Batteries_V2.Init();

    public SqliteMediaStore(string path) => _path = Path.GetFullPath(path);

    public string Address => _path;

    /// <summary>Raised (with the longest it waits) when an operation starts waiting for another process's lock on the database.</summary>
    public event EventHandler<TimeSpan>? WaitingForLock;

    /// <summary>Once <paramref name="stop"/> is cancelled, a wait for another process's lock ends at once with a <see cref="StoreException"/> whose inner exception is an <see cref="OperationCanceledException"/>.</summary>
    public void StopWaitingOn(CancellationToken stop) => _stopWaiting = stop;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var folder = Path.GetDirectoryName(_path);
            if (!string.IsNullOrEmpty(folder))
                Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StoreException($"cannot create the folder for the database {_path}: {e.Message}", e);
        }

        try
        {
            _writer = await OpenAsync(SqliteOpenMode.ReadWriteCreate, cancellationToken);
            WithLockWait("opening it", () => { Migrate(_writer); return true; });
            _reader = await OpenAsync(SqliteOpenMode.ReadWrite, cancellationToken);
            SqliteQueryTranslator.RegisterFunctions(_reader);
            _commands = new WriteCommands(_writer);
        }
        catch (SqliteException e)
        {
            throw Wrap(e, "opening it");
        }
    }

    private async Task<SqliteConnection> OpenAsync(SqliteOpenMode mode, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = mode,
            Cache = SqliteCacheMode.Private,
            Pooling = false,
            // Microsoft.Data.Sqlite retries a busy statement for this long (whole seconds, 0 = for ever);
            // the wait for a lock is WithLockWait's, so keep this short.
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
            WithLockWait("opening it", () =>
            {
                Execute(connection, """
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

    private void Migrate(SqliteConnection connection)
    {
        var version = ReadVersion(connection, null);
        if (version == SqliteSchema.CurrentVersion)
            return;
        if (version > 0 && version < SqliteSchema.CurrentVersion)
            EnsureIntact(connection);
        // One process migrates at a time: each step takes the write lock first (BEGIN IMMEDIATE)
        // and reads the version again under it, so two rayrays opening a new file both succeed.
        while (true)
        {
            using var transaction = connection.BeginTransaction(IsolationLevel.Serializable);
            try
            {
                version = ReadVersion(connection, transaction);
                if (version == SqliteSchema.CurrentVersion)
                    return;
                if (version == 0 && Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM sqlite_master", transaction), CultureInfo.InvariantCulture) > 0)
                    throw new StoreException($"{_path} is an SQLite database but not a rayray one; choose another file with --db");
                Execute(connection, SqliteSchema.Migrations[version], transaction);
                Execute(connection, $"PRAGMA user_version = {version + 1}", transaction);
                Commit(connection, transaction);
                _wrote = true;
            }
            catch (SqliteException)
            {
                RollBack(connection, transaction);
                throw;
            }
        }
    }

    private int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version", transaction), CultureInfo.InvariantCulture);
        if (version > SqliteSchema.CurrentVersion)
            throw new StoreException($"the database {_path} has schema version {version}, newer than this rayray understands ({SqliteSchema.CurrentVersion}); upgrade rayray");
        return version;
    }

    /// <summary>
    /// <c>PRAGMA quick_check</c> before a schema upgrade rewrites tables: a damaged file is reported
    /// and left as it is. It reads every page once, about a second per 200 MB of database.
    /// </summary>
    private void EnsureIntact(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check(1)";
        var verdict = Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "no answer";
        if (!string.Equals(verdict, "ok", StringComparison.Ordinal))
        {
            _damage = $"quick_check: {verdict.ReplaceLineEndings(" ")}";
            throw SqliteErrors.Damaged(_path, _damage);
        }
    }

    public Task<IReadOnlyDictionary<string, KnownLocation>> GetKnownLocationsAsync(string folder, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyDictionary<string, KnownLocation>>("looking up known files", connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT l.path, m.hash, l.size, l.modified_ticks, l.changed_ticks, l.inode, l.device, m.status,
                       l.sidecar_path, l.sidecar_size, l.sidecar_modified_ticks
                FROM locations l JOIN media_files m ON m.rowid = l.file_rowid
                WHERE l.folder = $folder
                """;
            command.Parameters.AddWithValue("$folder", folder);
            var known = new Dictionary<string, KnownLocation>(StringComparer.Ordinal);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var path = reader.GetString(0);
                known[path] = new KnownLocation(
                    path,
                    reader.GetString(1),
                    reader.GetInt64(2),
                    new DateTime(reader.GetInt64(3), DateTimeKind.Utc),
                    reader.IsDBNull(4) ? null : new DateTime(reader.GetInt64(4), DateTimeKind.Utc),
                    reader.IsDBNull(5) ? null : reader.GetInt64(5),
                    reader.IsDBNull(6) ? null : reader.GetInt64(6),
                    SchemaNames.StatusFrom(reader.GetString(7)),
                    ReadSidecar(reader, 8));
            }
            return known;
        }, cancellationToken);

    public Task<BatchWriteResult> WriteBatchAsync(IReadOnlyList<MediaDocument> documents, bool prune, CancellationToken cancellationToken) =>
        WriteAsync($"writing a batch of {documents.Count} documents", _ =>
        {
            var commands = _commands ?? throw new InvalidOperationException("The store is not initialized.");
            // Almost every batch writes cleanly, so it goes in one transaction without a savepoint per
            // document (two statements each). Only when one document fails is the batch written again
            // with savepoints, so that document alone is left out.
            return WriteBatch(commands, documents, prune, isolateEach: false)
                ?? WriteBatch(commands, documents, prune, isolateEach: true)!;
        }, cancellationToken);

    /// <summary>
    /// One transaction for the batch; null when a document failed and <paramref name="isolateEach"/>
    /// is off (nothing is kept then). A failure of the database itself rolls the whole batch back
    /// and is thrown as it is, for <see cref="WithLockWait{T}"/> to wait or report.
    /// </summary>
    private BatchWriteResult? WriteBatch(WriteCommands commands, IReadOnlyList<MediaDocument> documents, bool prune, bool isolateEach)
    {
        // IMMEDIATE: the write lock is taken (or waited for) before anything is read, so another
        // writer cannot commit between this batch's reads and its writes.
        using var transaction = Writer.BeginTransaction(IsolationLevel.Serializable);
        commands.Use(transaction);
        var outcomes = new List<DocumentWriteOutcome>(documents.Count);
        try
        {
            foreach (var document in documents)
            {
                if (!isolateEach)
                {
                    outcomes.Add(commands.Upsert(document, prune));
                    continue;
                }
                transaction.Save("document");
                try
                {
                    outcomes.Add(commands.Upsert(document, prune));
                    transaction.Release("document");
                }
                catch (SqliteException e) when (!SqliteErrors.IsFatal(e))
                {
                    transaction.Rollback("document");
                    transaction.Release("document");
                    outcomes.Add(new DocumentWriteOutcome(false, null, e.Message));
                }
            }
            Commit(Writer, transaction);
        }
        catch (SqliteException e) when (!isolateEach && !SqliteErrors.IsFatal(e))
        {
            RollBack(Writer, transaction);
            return null;
        }
        catch (SqliteException)
        {
            RollBack(Writer, transaction);
            throw;
        }
        return new BatchWriteResult(outcomes);
    }

    /// <summary>
    /// Commits; when COMMIT fails (a full disk), the transaction is rolled back before the error goes
    /// on, because SQLite may already have ended it without Microsoft.Data.Sqlite noticing.
    /// </summary>
    private static void Commit(SqliteConnection connection, SqliteTransaction transaction)
    {
        try
        {
            transaction.Commit();
        }
        catch (SqliteException)
        {
            RollBack(connection, transaction);
            throw;
        }
    }

    /// <summary>
    /// Rolls back whatever state a failure left the transaction in, so the connection is usable
    /// again (to record the failure, to close cleanly). SQLite ends a transaction by itself on some
    /// errors; when Microsoft.Data.Sqlite did not see that (a failed COMMIT), its ROLLBACK fails and
    /// the connection stays marked as in a transaction: an empty transaction is begun so it completes.
    /// </summary>
    private static void RollBack(SqliteConnection connection, SqliteTransaction transaction)
    {
        try
        {
            transaction.Rollback();
        }
        catch (InvalidOperationException)
        {
            // Already completed.
        }
        catch (SqliteException) when (SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) != 0)
        {
            Execute(connection, "BEGIN", transaction);
            transaction.Rollback();
        }
    }

    public Task<MediaDocument?> FindAsync(string idHashOrPath, CancellationToken cancellationToken) =>
        ReadAsync("reading a document", connection =>
        {
            using var command = connection.CreateCommand();
            var (column, key) = idHashOrPath switch
            {
                _ when DocumentId.LooksLikeId(idHashOrPath) => ("id", idHashOrPath),
                _ when DocumentId.IsContentHash(idHashOrPath) || UnreadableHash.IsPlaceholder(idHashOrPath) => ("hash", idHashOrPath),
                _ when idHashOrPath.Length == 64 && idHashOrPath.All(char.IsAsciiHexDigitLower) => ("hash", DocumentId.HashPrefix + idHashOrPath),
                _ => ("path", idHashOrPath),
            };
            command.CommandText = column == "path"
                ? "SELECT m.rowid, b.body, b.raw FROM media_files m JOIN media_bodies b ON b.rowid = m.rowid WHERE m.rowid = (SELECT file_rowid FROM locations WHERE path = $key)"
                : $"SELECT m.rowid, b.body, b.raw FROM media_files m JOIN media_bodies b ON b.rowid = m.rowid WHERE m.{column} = $key";
            command.Parameters.AddWithValue("$key", key);
            long rowid;
            string body, raw;
            using (var reader = command.ExecuteReader())
            {
                if (!reader.Read())
                    return (MediaDocument?)null;
                rowid = reader.GetInt64(0);
                body = reader.GetString(1);
                raw = reader.GetString(2);
            }
            return DocumentJson.Deserialize(DocumentJson.Assemble(body, ReadLocations(rowid), raw));
        }, cancellationToken);

    private List<FileLocation> ReadLocations(long rowid)
    {
        using var command = Reader.CreateCommand();
        command.CommandText = """
            SELECT path, size, modified_ticks, changed_ticks, inode, device, seen_ticks,
                   sidecar_path, sidecar_size, sidecar_modified_ticks
            FROM locations WHERE file_rowid = $rowid ORDER BY path
            """;
        command.Parameters.AddWithValue("$rowid", rowid);
        using var reader = command.ExecuteReader();
        var locations = new List<FileLocation>();
        while (reader.Read())
            locations.Add(SqliteReads.ReadLocation(reader, 0));
        return locations;
    }

    private static SidecarFile? ReadSidecar(SqliteDataReader reader, int first) =>
        reader.IsDBNull(first) ? null : new SidecarFile(reader.GetString(first), reader.GetInt64(first + 1), new DateTime(reader.GetInt64(first + 2), DateTimeKind.Utc));

    public Task<long> CountAsync(QueryNode? filter, CancellationToken cancellationToken) =>
        ReadAsync("counting documents", connection => SqliteReads.Count(connection, filter), cancellationToken);

    public async IAsyncEnumerable<string> QueryAsync(MediaQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await _readLock.WaitAsync(cancellationToken);
        try
        {
            await using var documents = SqliteReads.QueryAsync(Reader, query, cancellationToken).GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                string json;
                try
                {
                    if (!await documents.MoveNextAsync())
                        break;
                    json = documents.Current;
                }
                catch (SqliteException e)
                {
                    throw Wrap(e, "running the query");
                }
                yield return json;
            }
        }
        finally
        {
            _readLock.Release();
        }
    }

    public Task<MediaStats> GetStatsAsync(StatsGrouping? by, CancellationToken cancellationToken) =>
        ReadAsync("computing statistics", connection => SqliteReads.Stats(connection, by), cancellationToken);

    public Task<IReadOnlyList<string>> GetKnownFoldersAsync(string root, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<string>>("listing known folders", connection =>
        {
            // A range on the folder index: everything from "root/" up to (not including) "root0", "/" + 1 being "0".
            var separator = Path.DirectorySeparatorChar;
            var prefix = root.EndsWith(separator) ? root : root + separator;
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT DISTINCT folder FROM locations WHERE folder = $root OR (folder >= $low AND folder < $high)";
            command.Parameters.AddWithValue("$root", Path.TrimEndingDirectorySeparator(root));
            command.Parameters.AddWithValue("$low", prefix);
            command.Parameters.AddWithValue("$high", prefix[..^1] + (char)(separator + 1));
            using var reader = command.ExecuteReader();
            var folders = new List<string>();
            while (reader.Read())
                folders.Add(reader.GetString(0));
            return folders;
        }, cancellationToken);

    public Task<MissingLocationsResult> RemoveLocationsAsync(IReadOnlyList<string> paths, bool prune, CancellationToken cancellationToken) =>
        WriteAsync("removing vanished locations", connection =>
        {
            using var transaction = connection.BeginTransaction(IsolationLevel.Serializable);
            try
            {
                return RemoveLocations(connection, transaction, paths, prune);
            }
            catch (SqliteException)
            {
                RollBack(connection, transaction);
                throw;
            }
        }, cancellationToken);

    private static MissingLocationsResult RemoveLocations(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<string> paths, bool prune)
    {
        var removed = new Dictionary<string, int>(StringComparer.Ordinal);
        var affected = new Dictionary<long, string>();
        using (var find = connection.CreateCommand())
        using (var delete = connection.CreateCommand())
        {
            find.Transaction = delete.Transaction = transaction;
            find.CommandText = "SELECT l.file_rowid, m.id, m.hash FROM locations l JOIN media_files m ON m.rowid = l.file_rowid WHERE l.path = $path";
            delete.CommandText = "DELETE FROM locations WHERE path = $path";
            var findPath = find.Parameters.Add("$path", SqliteType.Text);
            var deletePath = delete.Parameters.Add("$path", SqliteType.Text);
            foreach (var path in paths)
            {
                findPath.Value = path;
                using (var reader = find.ExecuteReader())
                {
                    if (!reader.Read())
                        continue;
                    var id = reader.GetString(1);
                    removed[id] = removed.GetValueOrDefault(id) + 1;
                    affected[reader.GetInt64(0)] = reader.GetString(2);
                }
                deletePath.Value = path;
                delete.ExecuteNonQuery();
            }
        }
        var (missing, pruned) = WriteCommands.ReleaseOrphans(connection, transaction, affected, prune);
        Commit(connection, transaction);
        return new MissingLocationsResult(removed, missing, pruned);
    }

    public Task<ScanLockResult> TryLockAsync(IReadOnlyList<string> roots, ScanLockHolder holder, CancellationToken cancellationToken) =>
        WriteAsync("taking the scan lock", connection => SqliteScanBookkeeping.TryLock(connection, roots, holder), cancellationToken);

    public Task RenewLockAsync(long runId, CancellationToken cancellationToken) =>
        WriteAsync("renewing the scan lock", connection => { SqliteScanBookkeeping.Renew(connection, runId); return true; }, cancellationToken);

    public Task ReleaseLockAsync(long runId, CancellationToken cancellationToken) =>
        WriteAsync("releasing the scan lock", connection => { SqliteScanBookkeeping.Release(connection, runId); return true; }, cancellationToken);

    public Task<ScanRun> StartRunAsync(ScanRun run, CancellationToken cancellationToken) =>
        WriteAsync("recording the scan", connection => SqliteScanBookkeeping.Start(connection, run), cancellationToken);

    public Task FinishRunAsync(ScanRun run, CancellationToken cancellationToken) =>
        WriteAsync("recording the end of the scan", connection => { SqliteScanBookkeeping.Finish(connection, run); return true; }, cancellationToken);

    public Task<IReadOnlyList<ScanRun>> GetRunsAsync(int limit, CancellationToken cancellationToken) =>
        ReadAsync("reading the scan history", connection => SqliteScanBookkeeping.Runs(connection, "", limit), cancellationToken);

    public Task<ScanRun?> GetLastCompletedRunAsync(IReadOnlyList<string> roots, CancellationToken cancellationToken) =>
        ReadAsync("reading the scan history", connection =>
        {
            var runs = SqliteScanBookkeeping.Runs(connection, "WHERE roots = $roots AND status = 'completed'", 1, ("$roots", SqliteScanBookkeeping.RootsKey(roots)));
            return runs.Count > 0 ? runs[0] : null;
        }, cancellationToken);

    private async Task<T> ReadAsync<T>(string doing, Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        await _readLock.WaitAsync(cancellationToken);
        try
        {
            return WithLockWait(doing, () => read(Reader));
        }
        catch (SqliteException e)
        {
            throw Wrap(e, doing);
        }
        finally
        {
            _readLock.Release();
        }
    }

    private async Task<T> WriteAsync<T>(string doing, Func<SqliteConnection, T> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            // Writing into a damaged file can spread the damage: once seen, nothing more is written.
            if (_damage is not null)
                throw SqliteErrors.Damaged(_path, _damage);
            var result = WithLockWait(doing, () => write(Writer));
            _wrote = true;
            return result;
        }
        catch (SqliteException e)
        {
            throw Wrap(e, doing);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Runs <paramref name="operation"/> (a statement or a whole transaction, which a busy error
    /// leaves rolled back) again while another process holds the lock it needs, for up to
    /// <see cref="LockTimeout"/>; each attempt itself waits about a second. A stop ends the wait.
    /// </summary>
    private T WithLockWait<T>(string doing, Func<T> operation)
    {
        var started = Stopwatch.GetTimestamp();
        var announced = false;
        while (true)
        {
            var attempt = Stopwatch.GetTimestamp();
            try
            {
                return operation();
            }
            catch (SqliteException e) when (SqliteErrors.IsBusy(e))
            {
                if (_stopWaiting.IsCancellationRequested)
                    throw SqliteErrors.GivenUp(_path, doing, _stopWaiting);
                var waited = Stopwatch.GetElapsedTime(started);
                if (waited >= LockTimeout)
                    throw SqliteErrors.LockedTooLong(e, _path, doing, LockTimeout);
                if (!announced)
                {
                    announced = true;
                    WaitingForLock?.Invoke(this, LockTimeout);
                }
                if (Stopwatch.GetElapsedTime(attempt) < TimeSpan.FromMilliseconds(100))
                    Thread.Sleep(100);
            }
        }
    }

    /// <summary>The user's message for a database error; damage is remembered, so nothing more is written.</summary>
    private StoreException Wrap(SqliteException e, string doing)
    {
        if (SqliteErrors.IsDamage(e))
            _damage ??= SqliteErrors.Detail(e);
        return SqliteErrors.Wrap(e, _path, doing);
    }

    public async Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_path))
            return new StoreHealth { Address = _path, CurrentSchemaVersion = SqliteSchema.CurrentVersion, NotCreatedYet = true };
        try
        {
            await using var connection = new SqliteConnection($"Data Source={_path};Mode=ReadOnly;Pooling=False");
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
            var verdict = Convert.ToString(Scalar(connection, "PRAGMA quick_check(1)"), CultureInfo.InvariantCulture) ?? "no answer";
            return new StoreHealth
            {
                Address = _path,
                SchemaVersion = version,
                CurrentSchemaVersion = SqliteSchema.CurrentVersion,
                MissingIndexes = version == SqliteSchema.CurrentVersion ? SqliteSchema.ExpectedIndexes.Where(i => !present.Contains(i)).ToList() : [],
                Documents = documents,
                Error = version > SqliteSchema.CurrentVersion ? $"schema version {version} is newer than this rayray understands ({SqliteSchema.CurrentVersion}); upgrade rayray"
                    : verdict != "ok" ? SqliteErrors.Damaged(_path, $"quick_check: {verdict.ReplaceLineEndings(" ")}").Message
                    : null,
            };
        }
        catch (SqliteException e)
        {
            return new StoreHealth { Address = _path, CurrentSchemaVersion = SqliteSchema.CurrentVersion, Error = SqliteErrors.Wrap(e, _path, "checking it").Message };
        }
    }

    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        ReadAsync("counting documents", connection => Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM media_files"), CultureInfo.InvariantCulture), cancellationToken);

    private SqliteConnection Writer => _writer ?? throw new InvalidOperationException("The store is not initialized.");
    private SqliteConnection Reader => _reader ?? throw new InvalidOperationException("The store is not initialized.");

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync();
        await _readLock.WaitAsync();
        _commands?.Dispose();
        if (_writer is not null)
        {
            // Fold the WAL back into the database so the file is complete on its own: the writer's
            // housekeeping, so not after a read-only command, and never into a damaged file.
            if (_wrote && _damage is null)
            {
                try
                {
                    Execute(_writer, "PRAGMA wal_checkpoint(TRUNCATE);");
                }
                catch (SqliteException)
                {
                    // Another connection may still read, or the disk is full; the WAL stays and is folded in later.
                }
            }
            await _writer.DisposeAsync();
        }
        if (_reader is not null)
            await _reader.DisposeAsync();
        _writeLock.Dispose();
        _readLock.Dispose();
    }
}
