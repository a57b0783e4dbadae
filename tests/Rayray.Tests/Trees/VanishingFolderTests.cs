using Rayray.Core.Documents;
using Rayray.Core.Query;
using Rayray.Core.Storage;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Trees;

/// <summary>A folder that disappears while the scan walks the tree is reported; its files are not called missing on that walk.</summary>
public sealed class VanishingFolderTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-vanishing");

    public void Dispose() => _folder.Dispose();

    private string Library => _folder["library"];

    [Fact]
    public async Task A_folder_deleted_during_the_walk_is_reported_and_its_files_stay_indexed_until_a_walk_sees_it_gone()
    {
        _folder.Write("library/a-first/one.jpg", TestImages.Jpeg(16, 16));
        var doomed = _folder.Write("library/z-last/two.jpg", TestImages.Jpeg(24, 16));
        await using var sqlite = await TestScan.OpenSqliteAsync(_folder["rayray.db"]);
        await TestScan.RunAsync(sqlite, [Library]);
        _folder.Write("library/a-first/new.jpg", TestImages.Jpeg(32, 16));

        // The walk lists the library (a-first and z-last are there), then a-first; z-last is deleted just
        // then, before the walk reaches it: a folder moved away or a share dropping mid-scan.
        var store = new FolderDeletedOnLookup(sqlite, _folder["library/a-first"], _folder["library/z-last"]);
        var summary = await TestScan.RunAsync(store, [Library]);

        Assert.True(store.Deleted);
        var problem = Assert.Single(summary.Problems);
        Assert.Equal(_folder["library/z-last"], problem.Path);
        Assert.Equal("no longer exists", problem.Reason);
        Assert.True(summary.HadProblems);
        Assert.Equal(DocumentStatus.Indexed, (await sqlite.FindAsync(doomed, default))?.Status);
        Assert.NotNull(await sqlite.FindAsync(_folder["library/a-first/new.jpg"], default));

        // The next walk lists the library without the folder: now its file is gone.
        var next = await TestScan.RunAsync(sqlite, [Library]);
        Assert.False(next.HadProblems);
        Assert.Null(await sqlite.FindAsync(doomed, default));
        Assert.Equal(1, await sqlite.CountAsync(QueryParser.Parse("status:missing"), default));
    }

    /// <summary>The SQLite store, which deletes a folder when the walk asks what it knows of another one.</summary>
    private sealed class FolderDeletedOnLookup(IMediaStore store, string trigger, string doomed) : IMediaStore
    {
        public bool Deleted { get; private set; }

        public Task<IReadOnlyDictionary<string, KnownLocation>> GetKnownLocationsAsync(string folder, CancellationToken cancellationToken)
        {
            if (folder == trigger && !Deleted)
            {
                Directory.Delete(doomed, recursive: true);
                Deleted = true;
            }
            return store.GetKnownLocationsAsync(folder, cancellationToken);
        }

        public string Address => store.Address;
        public Task InitializeAsync(CancellationToken cancellationToken) => store.InitializeAsync(cancellationToken);
        public Task<BatchWriteResult> WriteBatchAsync(IReadOnlyList<MediaDocument> documents, bool prune, CancellationToken cancellationToken) => store.WriteBatchAsync(documents, prune, cancellationToken);
        public Task<IReadOnlyList<string>> GetKnownFoldersAsync(string root, CancellationToken cancellationToken) => store.GetKnownFoldersAsync(root, cancellationToken);
        public Task<MissingLocationsResult> RemoveLocationsAsync(IReadOnlyList<string> paths, bool prune, CancellationToken cancellationToken) => store.RemoveLocationsAsync(paths, prune, cancellationToken);
        public Task<ScanLockResult> TryLockAsync(IReadOnlyList<string> roots, ScanLockHolder holder, CancellationToken cancellationToken) => store.TryLockAsync(roots, holder, cancellationToken);
        public Task RenewLockAsync(long runId, CancellationToken cancellationToken) => store.RenewLockAsync(runId, cancellationToken);
        public Task ReleaseLockAsync(long runId, CancellationToken cancellationToken) => store.ReleaseLockAsync(runId, cancellationToken);
        public Task<ScanRun> StartRunAsync(ScanRun run, CancellationToken cancellationToken) => store.StartRunAsync(run, cancellationToken);
        public Task FinishRunAsync(ScanRun run, CancellationToken cancellationToken) => store.FinishRunAsync(run, cancellationToken);
        public Task<IReadOnlyList<ScanRun>> GetRunsAsync(int limit, CancellationToken cancellationToken) => store.GetRunsAsync(limit, cancellationToken);
        public Task<ScanRun?> GetLastCompletedRunAsync(IReadOnlyList<string> roots, CancellationToken cancellationToken) => store.GetLastCompletedRunAsync(roots, cancellationToken);
        public Task<MediaDocument?> FindAsync(string idHashOrPath, CancellationToken cancellationToken) => store.FindAsync(idHashOrPath, cancellationToken);
        public Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken) => store.CheckHealthAsync(cancellationToken);
        public Task<long> CountAsync(CancellationToken cancellationToken) => store.CountAsync(cancellationToken);
        public Task<long> CountAsync(QueryNode? filter, CancellationToken cancellationToken) => store.CountAsync(filter, cancellationToken);
        public IAsyncEnumerable<string> QueryAsync(MediaQuery query, CancellationToken cancellationToken) => store.QueryAsync(query, cancellationToken);
        public Task<MediaStats> GetStatsAsync(StatsGrouping? by, CancellationToken cancellationToken) => store.GetStatsAsync(by, cancellationToken);
        public ValueTask DisposeAsync() => ValueTask.CompletedTask; // the test owns the SQLite store
    }
}
