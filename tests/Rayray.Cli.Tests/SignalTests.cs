using System.Diagnostics;
using System.Text.Json;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Cli.Tests;

/// <summary>
/// SIGTERM and SIGINT in every stage of a scan (walking, extracting, writing, waiting for the scan
/// lock): exit 130 within seconds, the run recorded as interrupted, nothing committed lost.
/// </summary>
public sealed class SignalTests : IDisposable
{
    /// <summary>"Within a few seconds": the longest a stopped scan may take to exit, with room for a busy CI machine.</summary>
    private static readonly TimeSpan Prompt = TimeSpan.FromSeconds(8);

    private readonly TempFolder _folder = new("rayray-signal");

    public void Dispose() => _folder.Dispose();

    private string Library => _folder["library"];
    private string Database => _folder["db/rayray.db"];

    private static bool IsCommit(string line) => line.Contains("Committed batch", StringComparison.Ordinal);

    [UnixFact]
    public async Task Sigint_during_the_walk_of_a_wide_tree_stops_it_marks_nothing_missing_and_records_an_interrupted_run()
    {
        const int Folders = 300;
        for (var f = 0; f < Folders; f++)
        {
            for (var p = 0; p < 2; p++)
                _folder.Write($"library/{f:D3}/photo{p}.jpg", TestImages.Jpeg(16, 16, new ExifSpec { Model = $"camera {f}-{p}" }));
        }
        Assert.Equal(0, (await RayrayProcess.RunAsync(["scan", Library, "--db", Database, "--quiet"])).ExitCode);
        // A new video in every folder, probed at 0.2 s each by one worker: the readers hold the walker
        // back (the channels between them are bounded), so the walk is far from its end when stopped.
        for (var f = 0; f < Folders; f++)
            _folder.Write($"library/{f:D3}/clip.mp4", StandInFfprobe.Mp4(f));
        var ffprobe = StandInFfprobe.Slow(_folder, 0.2);

        await using var scan = RunningRayray.Start(["scan", Library, "--db", Database, "--ffprobe", ffprobe, "--workers", "1", "--batch-size", "5", "--log-level", "debug"]);
        await scan.WaitForLineAsync(IsCommit, "a committed batch");
        var clock = Stopwatch.StartNew();
        scan.Signal("INT");
        var result = await scan.WaitForExitAsync();

        Assert.True(clock.Elapsed < Prompt, $"exited {clock.Elapsed} after SIGINT");
        Assert.Equal(130, result.ExitCode);
        Assert.Contains(result.StderrLines, l => l.StartsWith("Stopping (SIGINT)", StringComparison.Ordinal));
        var committed = DatabaseInspection.CommittedDocuments(result.StderrLines);
        Assert.InRange(committed, 1, Folders - 1);
        DatabaseInspection.AssertWhole(Database, 2 * Folders + committed);
        Assert.Equal(0L, DatabaseInspection.Count(Database, "SELECT count(*) FROM media_files WHERE status = 'missing'"));
        Assert.Equal(2L * Folders, DatabaseInspection.Count(Database, "SELECT count(*) FROM locations WHERE path LIKE '%.jpg'"));
        var run = await NewestRunAsync();
        Assert.Equal("interrupted", run.GetProperty("status").GetString());
        Assert.Equal(committed, run.GetProperty("new").GetInt64());
    }

    [UnixTheory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_stop_while_ffprobe_reads_a_video_kills_ffprobe_and_commits_what_was_read(string signal)
    {
        // The stand-in's child keeps ffprobe's output pipes open after ffprobe is killed; the scan
        // must not wait for it. (FFMpegCore kills only the process it started, so the child lives on.)
        for (var i = 0; i < 30; i++)
            _folder.Write($"library/a/{i:D2}.jpg", TestImages.Jpeg(16, 16, new ExifSpec { Model = $"camera {i}" }));
        _folder.Write("library/b/clip.mp4", StandInFfprobe.Mp4(1));
        var pids = _folder["pids"];
        Directory.CreateDirectory(pids);
        var ffprobe = StandInFfprobe.Hanging(_folder, pids);

        await using var scan = RunningRayray.Start(["scan", Library, "--db", Database, "--ffprobe", ffprobe, "--workers", "1", "--batch-size", "10", "--log-level", "debug"]);
        var (probe, child) = await StandInFfprobe.WaitUntilRunningAsync(pids, TimeSpan.FromSeconds(60));
        var clock = Stopwatch.StartNew();
        scan.Signal(signal);
        var result = await scan.WaitForExitAsync();

        StandInFfprobe.KillChild(child);

        Assert.True(clock.Elapsed < Prompt, $"exited {clock.Elapsed} after SIG{signal}");
        Assert.Equal(130, result.ExitCode);
        Assert.False(ProcessState.IsAlive(probe), "ffprobe was left running");
        // The photos were read before the video (the walk goes in name order): all are committed.
        Assert.Equal(30, DatabaseInspection.CommittedDocuments(result.StderrLines));
        DatabaseInspection.AssertWhole(Database, 30);
        var run = await NewestRunAsync();
        Assert.Equal("interrupted", run.GetProperty("status").GetString());
        Assert.Equal(30, run.GetProperty("new").GetInt64());
    }

    [UnixFact]
    public async Task Sigterm_while_the_writer_waits_for_a_locked_database_exits_130_within_seconds_and_keeps_every_committed_batch()
    {
        // Ten folders of photos, each with a video the stand-in ffprobe takes 0.3 s over: the scan
        // lasts at least 3 s, so it is surely still writing when the test takes the lock.
        for (var f = 0; f < 10; f++)
        {
            for (var p = 0; p < 30; p++)
                _folder.Write($"library/{f}/{p:D2}.jpg", TestImages.Jpeg(16, 16, new ExifSpec { Model = $"camera {f}-{p}" }));
            _folder.Write($"library/{f}/clip.mp4", StandInFfprobe.Mp4(f));
        }
        var ffprobe = StandInFfprobe.Slow(_folder, 0.3);

        await using var scan = RunningRayray.Start(["scan", Library, "--db", Database, "--ffprobe", ffprobe, "--workers", "1", "--batch-size", "20", "--log-level", "debug"]);
        await scan.WaitForLineAsync(IsCommit, "a committed batch");
        var held = new DatabaseLock(Database);
        try
        {
            await scan.WaitForLineAsync(l => l.Contains($"Waiting for another process's lock on the database {Database}", StringComparison.Ordinal), "that the writer waits for the lock");
            var clock = Stopwatch.StartNew();
            scan.Signal("TERM");
            var result = await scan.WaitForExitAsync();

            Assert.True(clock.Elapsed < Prompt, $"exited {clock.Elapsed} after SIGTERM");
            Assert.Equal(130, result.ExitCode);
            var message = Assert.Single(result.StderrLines, l => l.StartsWith("rayray: ", StringComparison.Ordinal));
            Assert.Matches($"^rayray: the database {System.Text.RegularExpressions.Regex.Escape(Database)} is locked by another process; writing a batch of \\d+ documents was given up because rayray was asked to stop \\(every batch committed before it is kept\\)$", message);
            held.Dispose();
            DatabaseInspection.AssertWhole(Database, DatabaseInspection.CommittedDocuments(result.StderrLines));
        }
        finally
        {
            held.Dispose();
        }

        // The next scan takes the dead scan's lock over, records its run as interrupted and finishes the work.
        var next = await RayrayProcess.RunAsync(["scan", Library, "--db", Database, "--ffprobe", ffprobe]);
        Assert.Equal(0, next.ExitCode);
        DatabaseInspection.AssertWhole(Database, 310);
        var statuses = (await RunsAsync()).Select(r => r.GetProperty("status").GetString()).ToList();
        Assert.Equal(["completed", "interrupted"], statuses);
    }

    [UnixFact]
    public async Task Sigint_while_waiting_for_the_scan_lock_exits_130_at_once_and_records_the_wait_as_interrupted()
    {
        _folder.Write("library/clip.mp4", StandInFfprobe.Mp4(1));
        var pids = _folder["pids"];
        Directory.CreateDirectory(pids);
        var ffprobe = StandInFfprobe.Hanging(_folder, pids);
        await using var first = RunningRayray.Start(["scan", Library, "--db", Database, "--ffprobe", ffprobe, "--log-level", "debug"]);
        var (_, child) = await StandInFfprobe.WaitUntilRunningAsync(pids, TimeSpan.FromSeconds(60));

        await using var waiting = RunningRayray.Start(["scan", Library, "--db", Database, "--ffprobe", ffprobe, "--wait", "5m", "--log-level", "info"]);
        await waiting.WaitForLineAsync(l => l.Contains("Waiting for the scan lock on", StringComparison.Ordinal), "that it waits for the scan lock");
        var clock = Stopwatch.StartNew();
        waiting.Signal("INT");
        var stopped = await waiting.WaitForExitAsync();
        var waitedFor = clock.Elapsed;
        first.Signal("TERM");
        var firstResult = await first.WaitForExitAsync();
        StandInFfprobe.KillChild(child);

        Assert.True(waitedFor < Prompt, $"exited {waitedFor} after SIGINT");
        Assert.Equal(130, stopped.ExitCode);
        Assert.Equal(130, firstResult.ExitCode);
        var runs = await RunsAsync();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.Equal("interrupted", r.GetProperty("status").GetString()));
        Assert.Contains(runs, r => r.GetProperty("error").GetString() == "stopped while waiting for another scan's lock");
    }

    private async Task<List<JsonElement>> RunsAsync()
    {
        var history = await RayrayProcess.RunAsync(["history", "--db", Database, "--format", "json"]);
        Assert.True(history.ExitCode == 0, history.Stderr);
        using var runs = JsonDocument.Parse(history.Stdout);
        return runs.RootElement.EnumerateArray().Select(r => r.Clone()).ToList();
    }

    private async Task<JsonElement> NewestRunAsync() => (await RunsAsync())[0];
}
