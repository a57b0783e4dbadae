using System.Diagnostics;
using Rayray.Core.Scanning;
using Rayray.Core.Storage;
using Rayray.Core.Walking;
using Rayray.Storage.Sqlite;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Scanning;

/// <summary>The scan as cron runs it: the lock, waiting for it, taking over a dead scanner's, --min-interval, the history.</summary>
public sealed class ScanSessionTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public ScanSessionTests()
    {
        for (var i = 0; i < 5; i++)
            _library.Add($"p{i}.jpg", TestImages.Jpeg(16, 16, new ExifSpec { Model = $"m{i}" }));
    }

    public void Dispose() => _library.Dispose();

    private ScanSession Session(IMediaStore store, string? root = null) =>
        new(store, new ScanOptions { Walk = new WalkOptions { Roots = [root ?? _library.Root] }, Workers = 1 }, Serilog.Core.Logger.None);

    private static ScanLockHolder LiveHolder(long runId = 999) =>
        new(Environment.MachineName, Environment.ProcessId, DateTime.UtcNow, runId);

    [Fact]
    public async Task A_completed_scan_is_recorded_with_its_counts()
    {
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var result = await Session(store).RunAsync(new SessionOptions(), default);

        Assert.Equal(SessionOutcome.Scanned, result.Outcome);
        var run = Assert.Single(await store.GetRunsAsync(10, default));
        Assert.Equal(ScanRunStatus.Completed, run.Status);
        Assert.Equal([_library.Root], run.Roots);
        Assert.Equal((5, 5, 0L), (run.Seen, run.New, run.Invalid));
        Assert.True(run.BytesRead > 0);
        Assert.NotNull(run.EndedUtc);
        Assert.Equal(Environment.ProcessId, run.ProcessId);
    }

    [Fact]
    public async Task A_scan_does_not_start_while_a_live_scan_holds_an_overlapping_root()
    {
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        var parent = Path.GetDirectoryName(_library.Root)!;
        Assert.True((await store.TryLockAsync([parent], LiveHolder(), default)).Acquired);

        var result = await Session(store).RunAsync(new SessionOptions(), default);

        Assert.Equal(SessionOutcome.Locked, result.Outcome);
        Assert.Equal(parent, result.Lock!.HeldRoot);
        Assert.Equal(Environment.ProcessId, result.Lock.HeldBy!.ProcessId);
        var refused = (await store.GetRunsAsync(10, default))[0];
        Assert.Equal(ScanRunStatus.Failed, refused.Status);
        Assert.Contains("another scan holds the lock", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, await store.CountAsync(default));
    }

    [Fact]
    public async Task Scans_of_separate_roots_do_not_block_each_other()
    {
        var other = Path.GetFullPath(_library.Add("../elsewhere/x.jpg", TestImages.Jpeg(8, 8)));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        Assert.True((await store.TryLockAsync([Path.GetDirectoryName(other)!], LiveHolder(), default)).Acquired);

        var result = await Session(store).RunAsync(new SessionOptions(), default);

        Assert.Equal(SessionOutcome.Scanned, result.Outcome);
    }

    [Fact]
    public async Task With_wait_the_scan_starts_once_the_other_releases_the_lock()
    {
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        Assert.True((await store.TryLockAsync([_library.Root], LiveHolder(4242), default)).Acquired);
        var clock = Stopwatch.StartNew();
        _ = Task.Run(async () =>
        {
            await Task.Delay(600);
            await store.ReleaseLockAsync(4242, default);
        });

        var result = await Session(store).RunAsync(new SessionOptions { WaitForLock = TimeSpan.FromSeconds(30), LockPollInterval = TimeSpan.FromMilliseconds(50) }, default);

        Assert.Equal(SessionOutcome.Scanned, result.Outcome);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task Waiting_gives_up_after_its_timeout()
    {
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        await store.TryLockAsync([_library.Root], LiveHolder(), default);

        var result = await Session(store).RunAsync(new SessionOptions { WaitForLock = TimeSpan.FromMilliseconds(300), LockPollInterval = TimeSpan.FromMilliseconds(50) }, default);

        Assert.Equal(SessionOutcome.Locked, result.Outcome);
    }

    [Fact]
    public async Task The_lock_of_a_dead_process_is_taken_over_and_its_run_recorded_as_interrupted()
    {
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        var crashed = await store.StartRunAsync(new ScanRun { Roots = [_library.Root], StartedUtc = DateTime.UtcNow.AddMinutes(-3) }, default);
        await store.TryLockAsync([_library.Root], new ScanLockHolder(Environment.MachineName, DeadProcessId(), crashed.StartedUtc, crashed.Id), default);

        var result = await Session(store).RunAsync(new SessionOptions(), default);

        Assert.Equal(SessionOutcome.Scanned, result.Outcome);
        var old = (await store.GetRunsAsync(10, default)).Single(r => r.Id == crashed.Id);
        Assert.Equal(ScanRunStatus.Interrupted, old.Status);
        Assert.Contains("killed or crashed", old.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lock_from_another_host_is_respected_until_its_lease_expires()
    {
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        var otherHost = new ScanLockHolder("nas-2", 1, DateTime.UtcNow, 77);
        await store.TryLockAsync([_library.Root], otherHost, default);

        Assert.Equal(SessionOutcome.Locked, (await Session(store).RunAsync(new SessionOptions(), default)).Outcome);

        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_library.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var age = connection.CreateCommand();
            age.CommandText = "UPDATE scan_locks SET renewed_ticks = $old";
            age.Parameters.AddWithValue("$old", (DateTime.UtcNow - ScanLockRules.ExpiresAfter - TimeSpan.FromSeconds(5)).Ticks);
            await age.ExecuteNonQueryAsync();
        }
        Assert.Equal(SessionOutcome.Scanned, (await Session(store).RunAsync(new SessionOptions(), default)).Outcome);
    }

    [Fact]
    public async Task Min_interval_skips_a_scan_when_the_last_complete_one_is_recent_enough()
    {
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        await Session(store).RunAsync(new SessionOptions(), default);

        var skipped = await Session(store).RunAsync(new SessionOptions { MinInterval = TimeSpan.FromHours(6) }, default);
        var otherRoots = await Session(store, _library.PathOf("p0.jpg")).RunAsync(new SessionOptions { MinInterval = TimeSpan.FromHours(6) }, default);
        var due = await Session(store).RunAsync(new SessionOptions { MinInterval = TimeSpan.FromMilliseconds(1) }, default);

        Assert.Equal(SessionOutcome.SkippedRecent, skipped.Outcome);
        Assert.Equal(SessionOutcome.Scanned, otherRoots.Outcome);
        Assert.Equal(SessionOutcome.Scanned, due.Outcome);
        Assert.Equal(3, (await store.GetRunsAsync(10, default)).Count); // a skipped scan is not a run
    }

    [Fact]
    public async Task A_stopped_scan_is_recorded_as_interrupted_and_releases_its_lock()
    {
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();

        var result = await Session(store).RunAsync(new SessionOptions(), stop.Token);

        Assert.Equal(ScanRunStatus.Interrupted, result.Run!.Status);
        Assert.Equal(ScanRunStatus.Interrupted, (await store.GetRunsAsync(1, default))[0].Status);
        Assert.True((await store.TryLockAsync([_library.Root], LiveHolder(), default)).Acquired);
    }

    private static int DeadProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}
