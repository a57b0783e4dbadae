using Rayray.Core.Storage;
using Rayray.Storage.Mongo;
using Rayray.Testing;

namespace Rayray.Tests.Watching;

/// <summary>Both stores keep a watch's run "running" with its counts so far and no end, until it ends.</summary>
public sealed class WatchHistoryStoreTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-watch-history");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Sqlite_keeps_a_watch_run_running_with_its_counts_so_far_until_it_ends()
    {
        await using var store = await TestScan.OpenSqliteAsync(_folder["rayray.db"]);
        await RecordsCountsSoFar(store);
    }

    [MongoPeerFact]
    public async Task Mongo_keeps_a_watch_run_running_with_its_counts_so_far_until_it_ends()
    {
        await using var peer = await MongoPeer.StartAsync();
        await using var store = MongoMediaStore.Open(peer.Uri());
        await store.InitializeAsync(default);
        await RecordsCountsSoFar(store);
    }

    private static async Task RecordsCountsSoFar(IMediaStore store)
    {
        var run = await store.StartRunAsync(new ScanRun { Roots = ["/photos"], StartedUtc = DateTime.UtcNow }, default);

        await store.FinishRunAsync(run with { Status = ScanRunStatus.Running, New = 7, Missing = 2 }, default);
        var watching = Assert.Single(await store.GetRunsAsync(10, default));
        await store.FinishRunAsync(run with { Status = ScanRunStatus.Interrupted, EndedUtc = DateTime.UtcNow, New = 8, Missing = 2 }, default);
        var ended = Assert.Single(await store.GetRunsAsync(10, default));

        Assert.Equal((ScanRunStatus.Running, 7L, 2L, (DateTime?)null), (watching.Status, watching.New, watching.Missing, watching.EndedUtc));
        Assert.Equal((ScanRunStatus.Interrupted, 8L), (ended.Status, ended.New));
        Assert.NotNull(ended.EndedUtc);
    }
}
