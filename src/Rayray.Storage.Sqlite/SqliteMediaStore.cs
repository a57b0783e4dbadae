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
/// </summary>
public sealed class SqliteMediaStore : IMediaStore
{
    private readonly string _path;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _readLock = new(1, 1);
    private SqliteConnection? _writer;
    private SqliteConnection? _reader;
    private WriteCommands? _commands;

    static SqliteMediaStore() => SQLitePCL.Batteries_V2.Init();

    public SqliteMediaStore(string path) => _path = Path.GetFullPath(path);

    public string Address => _path;

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
            Migrate(_writer);
            _reader = await OpenAsync(SqliteOpenMode.ReadWrite, cancellationToken);
            SqliteQueryTranslator.RegisterFunctions(_reader);
            _commands = new WriteCommands(_writer);
        }
        catch (SqliteException e)
        {
            throw SqliteErrors.Wrap(e, _path, "opening it");
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
            DefaultTimeout = 30,
        }.ToString());
        await connection.OpenAsync(cancellationToken);
        // WAL lets readers (rayray query) see a consistent state while a scan writes; NORMAL
        // synchronous keeps every committed batch across a crash of the process. Checkpointing at
        // 64 MB of WAL instead of 4 MB copies the index pages that every batch touches into the
        // database file once per many batches; closing the store folds the rest in.
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            PRAGMA foreign_keys = ON;
            PRAGMA busy_timeout = 10000;
            PRAGMA temp_store = MEMORY;
            PRAGMA cache_size = -32000;
            PRAGMA wal_autocheckpoint = 16384;
            """);
        return connection;
    }

    private void Migrate(SqliteConnection connection)
    {
        var version = Convert.ToInt32(Scalar(connection, "PRAGMA user_version"), CultureInfo.InvariantCulture);
        if (version > SqliteSchema.CurrentVersion)
            throw new StoreException($"the database {_path} has schema version {version}, newer than this rayray understands ({SqliteSchema.CurrentVersion}); upgrade rayray");
        if (version == 0 && Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM sqlite_master"), CultureInfo.InvariantCulture) > 0)
            throw new StoreException($"{_path} is an SQLite database but not a rayray one; choose another file with --db");
        for (var next = version; next < SqliteSchema.CurrentVersion; next++)
        {
            using var transaction = connection.BeginTransaction();
            Execute(connection, SqliteSchema.Migrations[next], transaction);
            Execute(connection, $"PRAGMA user_version = {next + 1}", transaction);
            transaction.Commit();
        }
    }

    public async Task<IReadOnlyDictionary<string, KnownLocation>> GetKnownLocationsAsync(string folder, CancellationToken cancellationToken)
    {
        await _readLock.WaitAsync(cancellationToken);
        try
        {
            using var command = Reader.CreateCommand();
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
        }
        catch (SqliteException e)
        {
            throw SqliteErrors.Wrap(e, _path, "looking up known files");
        }
        finally
        {
            _readLock.Release();
        }
    }

    public async Task<BatchWriteResult> WriteBatchAsync(IReadOnlyList<MediaDocument> documents, bool prune, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var commands = _commands ?? throw new InvalidOperationException("The store is not initialized.");
            // Almost every batch writes cleanly, so it goes in one transaction without a savepoint per
            // document (two statements each). Only when one document fails is the batch written again
            // with savepoints, so that document alone is left out.
            return WriteBatch(commands, documents, prune, isolateEach: false)
                ?? WriteBatch(commands, documents, prune, isolateEach: true)!;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>One transaction for the batch; null when a document failed and <paramref name="isolateEach"/> is off (nothing is kept then).</summary>
    private BatchWriteResult? WriteBatch(WriteCommands commands, IReadOnlyList<MediaDocument> documents, bool prune, bool isolateEach)
    {
        using var transaction = Writer.BeginTransaction();
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
            transaction.Commit();
        }
        catch (SqliteException e) when (!isolateEach && !SqliteErrors.IsFatal(e))
        {
            transaction.Rollback();
            return null;
        }
        catch (SqliteException e)
        {
            transaction.Rollback();
            throw SqliteErrors.Wrap(e, _path, $"writing a batch of {documents.Count} documents");
        }
        return new BatchWriteResult(outcomes);
    }

    public async Task<MediaDocument?> FindAsync(string idHashOrPath, CancellationToken cancellationToken)
    {
        await _readLock.WaitAsync(cancellationToken);
        try
        {
            using var command = Reader.CreateCommand();
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
                    return null;
                rowid = reader.GetInt64(0);
                body = reader.GetString(1);
                raw = reader.GetString(2);
            }
            return DocumentJson.Deserialize(DocumentJson.Assemble(body, ReadLocations(rowid), raw));
        }
        catch (SqliteException e)
        {
            throw SqliteErrors.Wrap(e, _path, "reading a document");
        }
        finally
        {
            _readLock.Release();
        }
    }

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
                    throw SqliteErrors.Wrap(e, _path, "running the query");
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
            using var transaction = connection.BeginTransaction();
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
            transaction.Commit();
            return new MissingLocationsResult(removed, missing, pruned);
        }, cancellationToken);

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
            return read(Reader);
        }
        catch (SqliteException e)
        {
            throw SqliteErrors.Wrap(e, _path, doing);
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
            return write(Writer);
        }
        catch (SqliteException e)
        {
            throw SqliteErrors.Wrap(e, _path, doing);
        }
        finally
        {
            _writeLock.Release();
        }
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
            return new StoreHealth
            {
                Address = _path,
                SchemaVersion = version,
                CurrentSchemaVersion = SqliteSchema.CurrentVersion,
                MissingIndexes = version == SqliteSchema.CurrentVersion ? SqliteSchema.ExpectedIndexes.Where(i => !present.Contains(i)).ToList() : [],
                Documents = documents,
                Error = version > SqliteSchema.CurrentVersion ? $"schema version {version} is newer than this rayray understands ({SqliteSchema.CurrentVersion}); upgrade rayray" : null,
            };
        }
        catch (SqliteException e)
        {
            return new StoreHealth { Address = _path, CurrentSchemaVersion = SqliteSchema.CurrentVersion, Error = SqliteErrors.Wrap(e, _path, "checking it").Message };
        }
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await _readLock.WaitAsync(cancellationToken);
        try
        {
            return Convert.ToInt64(Scalar(Reader, "SELECT count(*) FROM media_files"), CultureInfo.InvariantCulture);
        }
        catch (SqliteException e)
        {
            throw SqliteErrors.Wrap(e, _path, "counting documents");
        }
        finally
        {
            _readLock.Release();
        }
    }

    private SqliteConnection Writer => _writer ?? throw new InvalidOperationException("The store is not initialized.");
    private SqliteConnection Reader => _reader ?? throw new InvalidOperationException("The store is not initialized.");

    internal static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
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
            // Fold the WAL back into the database so the file is complete on its own.
            try
            {
                Execute(_writer, "PRAGMA wal_checkpoint(TRUNCATE);");
            }
            catch (SqliteException)
            {
                // Another connection may still read; the WAL stays and is folded in later.
            }
            await _writer.DisposeAsync();
        }
        if (_reader is not null)
            await _reader.DisposeAsync();
        _writeLock.Dispose();
        _readLock.Dispose();
    }
}
