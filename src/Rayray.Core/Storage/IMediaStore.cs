using Rayray.Core.Documents;

namespace Rayray.Core.Storage;

/// <summary>
/// The one seam between rayray and a database. Every implementation passes the same contract
/// test suite (tests/Rayray.Tests/Storage/MediaStoreContract.cs).
/// </summary>
public interface IMediaStore : IAsyncDisposable
{
    /// <summary>Where the store lives, safe to print: a file path or a server address without credentials.</summary>
    string Address { get; }

    /// <summary>Creates or migrates the schema and every index; idempotent.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>What the store recorded for the files directly inside <paramref name="folder"/>, keyed by full path.</summary>
    Task<IReadOnlyDictionary<string, KnownLocation>> GetKnownLocationsAsync(string folder, CancellationToken cancellationToken);

    /// <summary>
    /// Upserts a batch in one transaction (or one bulk command), keyed on the content hash: a new
    /// hash adds a document, a known one gains or refreshes the location. A path that belonged to
    /// other content moves to this document; content left without locations becomes "missing".
    /// A document that cannot be written is reported in the result without failing the others.
    /// With <paramref name="prune"/>, content left without locations is deleted instead.
    /// </summary>
    Task<BatchWriteResult> WriteBatchAsync(IReadOnlyList<MediaDocument> documents, bool prune, CancellationToken cancellationToken);

    /// <summary>The folders under <paramref name="root"/> (itself included) that hold recorded locations.</summary>
    Task<IReadOnlyList<string>> GetKnownFoldersAsync(string root, CancellationToken cancellationToken);

    /// <summary>
    /// Removes locations whose files are gone. A document left without locations becomes
    /// "missing" (kept, so its tags and history survive an unplugged drive), or is deleted when
    /// <paramref name="prune"/> is set; a placeholder for an unreadable file is always deleted.
    /// </summary>
    Task<MissingLocationsResult> RemoveLocationsAsync(IReadOnlyList<string> paths, bool prune, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the scan lock for these roots, unless a live scan holds a root that overlaps one of
    /// them; a stale lock is taken over and its run recorded as interrupted (see <see cref="ScanLockRules"/>).
    /// </summary>
    Task<ScanLockResult> TryLockAsync(IReadOnlyList<string> roots, ScanLockHolder holder, CancellationToken cancellationToken);

    /// <summary>Renews the lease of the lock held by <paramref name="runId"/>.</summary>
    Task RenewLockAsync(long runId, CancellationToken cancellationToken);

    Task ReleaseLockAsync(long runId, CancellationToken cancellationToken);

    /// <summary>Records a new run (status running) and returns it with its id.</summary>
    Task<ScanRun> StartRunAsync(ScanRun run, CancellationToken cancellationToken);

    /// <summary>Records how a run ended, with its counts; a run still <c>running</c> (a watch) gets its counts so far and no end.</summary>
    Task FinishRunAsync(ScanRun run, CancellationToken cancellationToken);

    /// <summary>The most recent runs first.</summary>
    Task<IReadOnlyList<ScanRun>> GetRunsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>The last run over exactly these roots that completed, or null.</summary>
    Task<ScanRun?> GetLastCompletedRunAsync(IReadOnlyList<string> roots, CancellationToken cancellationToken);

    /// <summary>The document with this id, content hash, or location path; null when there is none.</summary>
    Task<MediaDocument?> FindAsync(string idHashOrPath, CancellationToken cancellationToken);

    /// <summary>Checks the database without creating or migrating anything (it need not be initialized).</summary>
    Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken);

    /// <summary>How many documents the store holds.</summary>
    Task<long> CountAsync(CancellationToken cancellationToken);

    /// <summary>How many documents match the filter (null: all).</summary>
    Task<long> CountAsync(Query.QueryNode? filter, CancellationToken cancellationToken);

    /// <summary>
    /// The matching documents as JSON, locations included, in the query's order and page. A query
    /// this store cannot express faithfully is refused with <see cref="Query.QuerySyntaxException"/>, never answered wrongly.
    /// </summary>
    IAsyncEnumerable<string> QueryAsync(Query.MediaQuery query, CancellationToken cancellationToken);

    /// <summary>Counts, sizes, GPS coverage and duplicates; per group when <paramref name="by"/> is given.</summary>
    Task<MediaStats> GetStatsAsync(StatsGrouping? by, CancellationToken cancellationToken);
}
