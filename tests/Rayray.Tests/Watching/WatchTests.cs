using System.Diagnostics;
using System.Security.Cryptography;
using Rayray.Core.Documents;
using Rayray.Core.Storage;
using Rayray.Storage.Sqlite;
using Rayray.Tests.Scanning;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Watching;

/// <summary>
/// <c>scan --watch</c> in-process over real files and a real SQLite store: what changes on disk after
/// the scan is in the store within seconds, written by the same pipeline and rules as a rescan.
/// </summary>
public sealed class WatchTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    private static byte[] Photo(int n) => TestImages.Jpeg(16, 16, new ExifSpec { Model = $"camera {n}", DateTimeOriginal = "2024:05:01 12:00:00" });

    private static string IdOf(byte[] content) => DocumentId.FromHash(DocumentId.HashFromDigest(SHA256.HashData(content)));

    private Task<SqliteMediaStore> OpenAsync() => TestScan.OpenSqliteAsync(_library.DatabasePath);

    private static Func<Task<bool>> IndexedAt(SqliteMediaStore store, string path) =>
        async () => await store.FindAsync(path, default) is { Status: DocumentStatus.Indexed };

    [Fact]
    public async Task A_file_copied_in_after_the_scan_is_indexed_within_seconds()
    {
        _library.Add("a/0.jpg", Photo(0));
        await using var store = await OpenAsync();
        await using var watch = await RunningWatch.StartAsync(store, [_library.Root]);

        var added = _library.Add("a/new.jpg", Photo(1));
        var nested = _library.Add("b/2024/06/deep.jpg", Photo(2)); // folders created on the way

        await RunningWatch.Eventually(IndexedAt(store, added), "the new file indexed");
        await RunningWatch.Eventually(IndexedAt(store, nested), "the file in new folders indexed");
        var result = await watch.StopAsync();
        Assert.Equal(3, result.Summary!.New);
    }

    [Fact]
    public async Task A_file_changed_while_the_scan_runs_after_it_was_read_is_read_again_once_the_scan_is_over()
    {
        var early = _library.Add("a/0.jpg", Photo(0));
        for (var i = 1; i <= 1500; i++)
            _library.Add($"z/{i:D4}.jpg", Photo(i));
        await using var store = await OpenAsync();
        await using var watch = RunningWatch.Begin(store, [_library.Root], configure: o => o with { Workers = 1 });
        await RunningWatch.Eventually(() => Task.FromResult(watch.Session.Progress.FilesRead >= 20), "the scan past the first folder");

        await File.WriteAllBytesAsync(early, Photo(10_000));
        Assert.False(watch.Session.WatchStarted.IsCompleted); // still scanning: only a notification can tell

        await RunningWatch.Eventually(async () => (await store.FindAsync(early, default))?.Id == IdOf(Photo(10_000)), "the new content at the path", seconds: 30);
    }

    [Fact]
    public async Task A_file_rewritten_is_read_again_and_its_old_content_is_left_missing()
    {
        var path = _library.Add("a/0.jpg", Photo(0));
        await using var store = await OpenAsync();
        await using var watch = await RunningWatch.StartAsync(store, [_library.Root]);

        await File.WriteAllBytesAsync(path, Photo(100));

        await RunningWatch.Eventually(async () => (await store.FindAsync(path, default))?.Id == IdOf(Photo(100)), "the new content at the path");
        Assert.Equal(DocumentStatus.Missing, (await store.FindAsync(IdOf(Photo(0)), default))!.Status);
        Assert.Equal(1, (await watch.StopAsync()).Summary!.Changed);
    }

    [Fact]
    public async Task A_moved_file_becomes_the_new_location_of_its_document_and_the_old_path_is_released()
    {
        var from = _library.Add("a/0.jpg", Photo(0));
        _library.Add("b/1.jpg", Photo(1));
        var to = _library.PathOf("b/renamed.jpg");
        await using var store = await OpenAsync();
        await using var watch = await RunningWatch.StartAsync(store, [_library.Root]);

        File.Move(from, to);

        await RunningWatch.Eventually(async () => await store.FindAsync(from, default) is null, "the old path released");
        var document = await store.FindAsync(to, default);
        Assert.Equal(IdOf(Photo(0)), document!.Id);
        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Equal([to], document.Locations.Select(l => l.Path));
        var summary = (await watch.StopAsync()).Summary!;
        Assert.Equal((1L, 0L, 0L, 0L), (summary.Moved, summary.Copied, summary.Missing, summary.New - 2));
    }

    [Fact]
    public async Task A_renamed_folder_moves_every_file_in_it()
    {
        for (var i = 0; i < 5; i++)
            _library.Add($"2024/trip/{i}.jpg", Photo(i));
        await using var store = await OpenAsync();
        await using var watch = await RunningWatch.StartAsync(store, [_library.Root]);

        Directory.Move(_library.PathOf("2024/trip"), _library.PathOf("2024/Lisbon"));

        await RunningWatch.Eventually(async () => await store.FindAsync(_library.PathOf("2024/trip/4.jpg"), default) is null, "the old paths released");
        for (var i = 0; i < 5; i++)
        {
            var document = await store.FindAsync(_library.PathOf($"2024/Lisbon/{i}.jpg"), default);
            Assert.Equal((IdOf(Photo(i)), 1), (document!.Id, document.Locations.Count));
        }
        Assert.Equal(5, (await watch.StopAsync()).Summary!.Moved);
    }

    [Fact]
    public async Task A_deleted_file_is_released_and_its_document_marked_missing()
    {
        var doomed = _library.Add("a/0.jpg", Photo(0));
        var kept = _library.Add("a/1.jpg", Photo(1));
        await using var store = await OpenAsync();
        await using var watch = await RunningWatch.StartAsync(store, [_library.Root]);

        File.Delete(doomed);

        await RunningWatch.Eventually(async () => (await store.FindAsync(IdOf(Photo(0)), default))?.Status == DocumentStatus.Missing, "the deleted file's document missing");
        Assert.Null(await store.FindAsync(doomed, default));
        Assert.Equal(DocumentStatus.Indexed, (await store.FindAsync(kept, default))!.Status);
    }

    [Fact]
    public async Task A_folder_moved_in_is_indexed_whole_and_a_folder_deleted_has_all_its_files_marked_missing()
    {
        for (var i = 0; i < 5; i++)
            _library.Add($"old/{i}.jpg", Photo(i));
        var outside = Path.Combine(Path.GetDirectoryName(_library.Root)!, "outside");
        Directory.CreateDirectory(Path.Combine(outside, "sub"));
        for (var i = 10; i < 15; i++)
            await File.WriteAllBytesAsync(Path.Combine(outside, "sub", $"{i}.jpg"), Photo(i));
        await using var store = await OpenAsync();
        await using var watch = await RunningWatch.StartAsync(store, [_library.Root]);

        Directory.Move(outside, _library.PathOf("arrived")); // one event for the folder, none for the files in it
        Directory.Delete(_library.PathOf("old"), recursive: true);

        await RunningWatch.Eventually(async () => await store.CountAsync(default) == 10 && await store.FindAsync(_library.PathOf("old/4.jpg"), default) is null,
            "the moved-in files indexed and the deleted folder's files released");
        for (var i = 10; i < 15; i++)
            Assert.Equal(DocumentStatus.Indexed, (await store.FindAsync(_library.PathOf($"arrived/sub/{i}.jpg"), default))!.Status);
        for (var i = 0; i < 5; i++)
            Assert.Equal(DocumentStatus.Missing, (await store.FindAsync(IdOf(Photo(i)), default))!.Status);
    }

    [Fact]
    public async Task Changes_in_hidden_and_excluded_folders_stay_out_as_in_a_scan()
    {
        _library.Add("a/0.jpg", Photo(0));
        await using var store = await OpenAsync();
        await using var watch = await RunningWatch.StartAsync(store, [_library.Root],
            configure: o => o with { Walk = o.Walk with { Excludes = [Rayray.Core.Common.Glob.Parse("private/**", ignoreCase: true)] } });

        var hidden = _library.Add(".cache/thumb.jpg", Photo(1));
        var excluded = _library.Add("private/secret.jpg", Photo(2));
        var system = _library.Add("@eaDir/a.jpg", Photo(3));
        var marker = _library.Add("a/marker.jpg", Photo(4)); // last: once it is in, the others were looked at

        await RunningWatch.Eventually(IndexedAt(store, marker), "the visible file indexed");
        Assert.Null(await store.FindAsync(hidden, default));
        Assert.Null(await store.FindAsync(excluded, default));
        Assert.Null(await store.FindAsync(system, default));
    }

    [Fact]
    public async Task A_burst_of_two_thousand_files_copied_in_is_indexed_completely()
    {
        _library.Add("seed.jpg", Photo(-1));
        await using var store = await OpenAsync();
        await using var watch = await RunningWatch.StartAsync(store, [_library.Root]);
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < 2000; i++)
            _library.Add($"burst/{i / 100:D2}/{i:D4}.jpg", Photo(i));

        await RunningWatch.Eventually(async () => await store.CountAsync(default) == 2001, "all 2,000 files indexed", seconds: 60);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60));
        Assert.Equal(2000, (await watch.StopAsync()).Summary!.New - 1);
    }

    [Fact]
    public async Task A_root_that_disappears_marks_nothing_missing_and_is_caught_up_when_it_returns()
    {
        for (var i = 0; i < 3; i++)
            _library.Add($"a/{i}.jpg", Photo(i));
        var away = _library.Root + "-away";
        var log = new LogLines();
        await using var store = await OpenAsync();
        await using var watch = await RunningWatch.StartAsync(store, [_library.Root], log: log.Logger);

        Directory.Move(_library.Root, away); // like a share unmounted
        await RunningWatch.Eventually(() => Task.FromResult(log.Any("is gone")), "the watch noticing the root is gone");
        File.Delete(Path.Combine(away, "a", "2.jpg")); // deleted while the share was away
        for (var i = 0; i < 3; i++)
            Assert.Equal(DocumentStatus.Indexed, (await store.FindAsync(IdOf(Photo(i)), default))!.Status);

        Directory.Move(away, _library.Root); // mounted again
        await RunningWatch.Eventually(() => Task.FromResult(log.Any("is back")), "the watch noticing the root is back");
        var added = _library.Add("a/after.jpg", Photo(9));

        await RunningWatch.Eventually(IndexedAt(store, added), "a file added after the return indexed");
        await RunningWatch.Eventually(async () => (await store.FindAsync(IdOf(Photo(2)), default))?.Status == DocumentStatus.Missing,
            "the file deleted while away found missing");
        Assert.Equal(DocumentStatus.Indexed, (await store.FindAsync(_library.PathOf("a/0.jpg"), default))!.Status);
        Assert.Equal(DocumentStatus.Indexed, (await store.FindAsync(_library.PathOf("a/1.jpg"), default))!.Status);
    }

    [Fact]
    public async Task A_root_left_as_an_empty_mount_point_marks_nothing_missing_and_is_watched_again_when_the_share_returns()
    {
        for (var i = 0; i < 3; i++)
            _library.Add($"a/{i}.jpg", Photo(i));
        var share = _library.Root + "-share";
        var log = new LogLines();
        await using var store = await OpenAsync();
        await using var watch = await RunningWatch.StartAsync(store, [_library.Root], log: log.Logger);

        Directory.Move(_library.Root, share);
        Directory.CreateDirectory(_library.Root); // what an unmounted share leaves: its empty mount point
        await RunningWatch.Eventually(() => Task.FromResult(log.Any("holds no media files now")), "the empty root scanned whole");
        Assert.Equal(3, await store.CountAsync(default));
        for (var i = 0; i < 3; i++)
            Assert.Equal(DocumentStatus.Indexed, (await store.FindAsync(_library.PathOf($"a/{i}.jpg"), default))!.Status);

        Directory.Delete(_library.Root);
        Directory.Move(share, _library.Root); // mounted again
        var added = _library.Add("a/after.jpg", Photo(9));

        await RunningWatch.Eventually(IndexedAt(store, added), "a file added after the share returned indexed");
        for (var i = 0; i < 3; i++)
            Assert.Equal(DocumentStatus.Indexed, (await store.FindAsync(_library.PathOf($"a/{i}.jpg"), default))!.Status);
    }

    [Fact]
    public async Task Poll_finds_changes_without_change_notifications()
    {
        _library.Add("a/0.jpg", Photo(0));
        var gone = _library.Add("a/1.jpg", Photo(1));
        await using var store = await OpenAsync();
        var pollOnly = RunningWatch.Fast with { Notifications = false, PollEvery = TimeSpan.FromSeconds(1) };
        await using var watch = await RunningWatch.StartAsync(store, [_library.Root], pollOnly);

        var added = _library.Add("b/new.jpg", Photo(2));
        File.Delete(gone);

        await RunningWatch.Eventually(IndexedAt(store, added), "the new file indexed by a poll");
        await RunningWatch.Eventually(async () => await store.FindAsync(gone, default) is null, "the deleted file released by a poll");
    }

    [Fact]
    public async Task The_session_is_one_run_that_holds_the_lock_keeps_its_counts_current_and_ends_interrupted()
    {
        _library.Add("a/0.jpg", Photo(0));
        await using var store = await OpenAsync();
        await using var watch = await RunningWatch.StartAsync(store, [_library.Root]);
        var other = new ScanLockHolder(Environment.MachineName, Environment.ProcessId, DateTime.UtcNow, 999);

        Assert.False((await store.TryLockAsync([_library.Root], other, default)).Acquired);
        _library.Add("a/1.jpg", Photo(1));
        await RunningWatch.Eventually(async () => (await store.GetRunsAsync(10, default))[0].New == 2, "the run's counts updated");
        var running = Assert.Single(await store.GetRunsAsync(10, default));
        Assert.Equal(ScanRunStatus.Running, running.Status);
        Assert.Null(running.EndedUtc);

        var result = await watch.StopAsync();

        Assert.True(result.Summary!.Interrupted);
        var ended = Assert.Single(await store.GetRunsAsync(10, default));
        Assert.Equal((ScanRunStatus.Interrupted, 2L), (ended.Status, ended.New));
        Assert.NotNull(ended.EndedUtc);
        Assert.True((await store.TryLockAsync([_library.Root], other, default)).Acquired);
    }
}
