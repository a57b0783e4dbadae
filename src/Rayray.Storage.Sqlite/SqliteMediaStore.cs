using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Rayray.Core.Documents;
using Rayray.Core.Query;
using Rayray.Core.Storage;

namespace Rayray.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode. Documents are kept as JSON beside the columns
/// that give the MongoDB indexes' capabilities: a unique hash, the locations table (path, folder),
/// FTS5 for text, an R*Tree for geo, and ordinary indexes for kind, status, taken and camera.
/// One connection writes and one reads, so change detection runs while batches are written.
/// <para>
/// When another process holds the database's lock, an operation waits for it (<see cref="SqliteLockWait"/>)
/// and then fails naming the file; a stop (<see cref="StopWaitingOn"/>) ends the wait at once.
/// SQLite reports damaged pages when a statement meets them: the transaction is rolled back and
/// nothing more is written to the file. The full check runs in <c>rayray doctor</c> (<see cref="SqliteHealth"/>).
/// </para>
/// </summary>
public sealed class SqliteMediaStore : IMediaStore
{
    /// <summary>How long an operation waits for another process's lock on the database before it fails.</summary>
    public static TimeSpan LockTimeout => SqliteLockWait.Timeout;

    private readonly string _path;
    private readonly SqliteLockWait _lockWait;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly SemaphoreSlim _readLock = new(1, 1);
    private SqliteConnection? _writer;
    private SqliteConnection? _reader;
    private SqliteBatchWriter? _batches;
    private bool _wrote;
    private string? _damage;

    static SqliteMediaStore() => SQLitePCL.Batteries_V2.Init();

    public SqliteMediaStore(string path)
    {
        _path = Path.GetFullPath(path);
        _lockWait = new SqliteLockWait(_path);
    }

    public string Address => _path;

    /// <summary>Raised (with the longest it waits) when an operation starts waiting for another process's lock on the database.</summary>
    public event EventHandler<TimeSpan>? WaitingForLock
    {
        add => _lockWait.Waiting += value;
        remove => _lockWait.Waiting -= value;
    }

    /// <summary>Once <paramref name="stop"/> is cancelled, a wait for another process's lock ends at once with a <see cref="StoreException"/> whose inner exception is an <see cref="OperationCanceledException"/>.</summary>
    public void StopWaitingOn(CancellationToken stop) => _lockWait.StopOn(stop);

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
            _writer = await SqliteOpening.OpenAsync(_path, SqliteOpenMode.ReadWriteCreate, _lockWait, cancellationToken);
            _wrote = _lockWait.Run("opening it", () => SqliteMigrator.Migrate(_writer, _path));
            _reader = await SqliteOpening.OpenAsync(_path, SqliteOpenMode.ReadWrite, _lockWait, cancellationToken);
            SqliteQueryTranslator.RegisterFunctions(_reader);
            _batches = new SqliteBatchWriter(_writer);
        }
        catch (SqliteException e)
        {
            throw Wrap(e, "opening it");
        }
    }

    public Task<IReadOnlyDictionary<string, KnownLocation>> GetKnownLocationsAsync(string folder, CancellationToken cancellationToken) =>
        ReadAsync("looking up known files", connection => SqliteLookups.KnownLocations(connection, folder), cancellationToken);

    public Task<IReadOnlyList<string>> GetKnownFoldersAsync(string root, CancellationToken cancellationToken) =>
        ReadAsync("listing known folders", connection => SqliteLookups.KnownFolders(connection, root), cancellationToken);

    public Task<MediaDocument?> FindAsync(string idHashOrPath, CancellationToken cancellationToken) =>
        ReadAsync("reading a document", connection => SqliteLookups.Find(connection, idHashOrPath), cancellationToken);

    public Task<BatchWriteResult> WriteBatchAsync(IReadOnlyList<MediaDocument> documents, bool prune, CancellationToken cancellationToken) =>
        WriteAsync($"writing a batch of {documents.Count} documents", _ => Batches.Write(documents, prune));

    public Task<MissingLocationsResult> RemoveLocationsAsync(IReadOnlyList<string> paths, bool prune, CancellationToken cancellationToken) =>
        WriteAsync("removing vanished locations", _ => Batches.Remove(paths, prune));

    public Task<ScanLockResult> TryLockAsync(IReadOnlyList<string> roots, ScanLockHolder holder, CancellationToken cancellationToken) =>
        WriteAsync("taking the scan lock", connection => SqliteScanBookkeeping.TryLock(connection, roots, holder));

    public Task RenewLockAsync(long runId, CancellationToken cancellationToken) =>
        WriteAsync("renewing the scan lock", connection => { SqliteScanBookkeeping.Renew(connection, runId); return true; });

    public Task ReleaseLockAsync(long runId, CancellationToken cancellationToken) =>
        WriteAsync("releasing the scan lock", connection => { SqliteScanBookkeeping.Release(connection, runId); return true; });

    public Task<ScanRun> StartRunAsync(ScanRun run, CancellationToken cancellationToken) =>
        WriteAsync("recording the scan", connection => SqliteScanBookkeeping.Start(connection, run));

    public Task FinishRunAsync(ScanRun run, CancellationToken cancellationToken) =>
        WriteAsync("recording the end of the scan", connection => { SqliteScanBookkeeping.Finish(connection, run); return true; });

    public Task<IReadOnlyList<ScanRun>> GetRunsAsync(int limit, CancellationToken cancellationToken) =>
        ReadAsync("reading the scan history", connection => SqliteScanBookkeeping.Runs(connection, "", limit), cancellationToken);

    public Task<ScanRun?> GetLastCompletedRunAsync(IReadOnlyList<string> roots, CancellationToken cancellationToken) =>
        ReadAsync("reading the scan history", connection =>
        {
            var runs = SqliteScanBookkeeping.Runs(connection, "WHERE roots = $roots AND status = 'completed'", 1, ("$roots", SqliteScanBookkeeping.RootsKey(roots)));
            return runs.Count > 0 ? runs[0] : null;
        }, cancellationToken);

    public Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken) => SqliteHealth.CheckAsync(_path, cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        ReadAsync("counting documents", connection => SqliteReads.Count(connection, null), cancellationToken);

    public async Task<long> CountAsync(QueryNode? filter, CancellationToken cancellationToken)
    {
        var resolved = await ResolveSimilarAsync(filter, cancellationToken);
        return await ReadAsync("counting documents", connection => SqliteReads.Count(connection, resolved), cancellationToken);
    }

    public async IAsyncEnumerable<string> QueryAsync(MediaQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        query = query with { Filter = await ResolveSimilarAsync(query.Filter, cancellationToken) };
        await _readLock.WaitAsync(cancellationToken);
        try
        {
            await using var documents = SqlitePages.QueryAsync(Reader, query, cancellationToken).GetAsyncEnumerator(cancellationToken);
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

    /// <summary>A <c>similar:</c> target becomes its hash before the query is translated.</summary>
    private async Task<QueryNode?> ResolveSimilarAsync(QueryNode? filter, CancellationToken cancellationToken) =>
        SimilarTargets.Present(filter) ? await SimilarTargets.ResolveAsync(filter, FindAsync, cancellationToken) : filter;

    private async Task<T> ReadAsync<T>(string doing, Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        await _readLock.WaitAsync(cancellationToken);
        try
        {
            return _lockWait.Run(doing, () => read(Reader));
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

    /// <summary>
    /// A write runs to its end once begun (SQLite commits a batch in milliseconds); what a stop
    /// ends is the wait for another process's lock (<see cref="StopWaitingOn"/>).
    /// </summary>
    private async Task<T> WriteAsync<T>(string doing, Func<SqliteConnection, T> write)
    {
        await _writeLock.WaitAsync();
        try
        {
            // Writing into a damaged file can spread the damage: once seen, nothing more is written.
            if (_damage is not null)
                throw SqliteErrors.Damaged(_path, _damage);
            var result = _lockWait.Run(doing, () => write(Writer));
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

    /// <summary>The user's message for a database error; damage is remembered, so nothing more is written.</summary>
    private StoreException Wrap(SqliteException e, string doing)
    {
        if (SqliteErrors.IsDamage(e))
            _damage ??= SqliteErrors.Detail(e);
        return SqliteErrors.Wrap(e, _path, doing);
    }

    private SqliteConnection Writer => _writer ?? throw new InvalidOperationException("The store is not initialized.");
    private SqliteConnection Reader => _reader ?? throw new InvalidOperationException("The store is not initialized.");
    private SqliteBatchWriter Batches => _batches ?? throw new InvalidOperationException("The store is not initialized.");

    public async ValueTask DisposeAsync()
    {
        await _writeLock.WaitAsync();
        await _readLock.WaitAsync();
        _batches?.Dispose();
        if (_writer is not null)
        {
            // Fold the WAL back into the database so the file is complete on its own: the writer's
            // housekeeping, so not after a read-only command, and never into a damaged file.
            if (_wrote && _damage is null)
            {
                try
                {
                    SqliteTransactions.Execute(_writer, "PRAGMA wal_checkpoint(TRUNCATE);");
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
