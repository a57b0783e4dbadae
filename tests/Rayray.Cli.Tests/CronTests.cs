using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Cli.Tests;

/// <summary>What cron relies on: one scan at a time, clean stops, a history, and rescans that open nothing.</summary>
public sealed partial class CronTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-cron");

    public void Dispose() => _folder.Dispose();

    private string Library => _folder["library"];
    private string Database => _folder["db/rayray.db"];

    private void AddPhotos(int count)
    {
        for (var i = 0; i < count; i++)
            _folder.Write($"library/{i / 400}/{i:D5}.jpg", TestImages.Jpeg(16, 16, new ExifSpec { Model = $"camera {i}" }));
    }

    /// <summary>
    /// Videos and a stand-in ffprobe that takes 0.3 s on each: a scan with one worker then runs for
    /// seconds, whatever the machine, so another can reliably start while it holds the lock.
    /// </summary>
    private string[] SlowScan(int videos)
    {
        var ffprobe = _folder.Write("tools/ffprobe", """
            #!/bin/sh
            sleep 0.3
            echo '{"format": {"duration": "1"}, "streams": [{"codec_type": "video", "width": 16, "height": 16}]}'
            """);
        File.SetUnixFileMode(ffprobe, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        for (var i = 0; i < videos; i++)
            _folder.Write($"library/clip{i:D3}.mp4", [0, 0, 0, 16, .. "ftypisom"u8.ToArray(), 0, 0, 2, 0, 0, 0, 0, 12, .. "moov"u8.ToArray(), (byte)i, 0, 0, 0]);
        return ["--ffprobe", ffprobe, "--workers", "1"];
    }

    [GeneratedRegex(@"^rayray: another scan holds the lock on (.+): pid (\d+) on (\S+), started \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ$")]
    private static partial Regex LockedMessage();

    [UnixFact]
    public async Task Two_scans_at_once_one_proceeds_the_other_exits_4_and_a_waiting_one_follows()
    {
        var slow = SlowScan(12);
        using var first = Process.Start(RayrayProcess.StartInfo(["scan", Library, "--db", Database, .. slow]))!;
        first.StandardInput.Close();
        var firstError = first.StandardError.ReadToEndAsync();
        await WaitForLockAsync();

        var second = await RayrayProcess.RunAsync(["scan", Library, "--db", Database, .. slow]);
        var waiting = RayrayProcess.RunAsync(["scan", Library, "--db", Database, "--wait", "5m", .. slow]);
        await first.WaitForExitAsync();
        var third = await waiting;

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(4, second.ExitCode);
        var line = Assert.Single(second.StderrLines);
        var match = LockedMessage().Match(line);
        Assert.True(match.Success, line);
        Assert.Equal(first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value);
        Assert.Equal(Environment.MachineName, match.Groups[3].Value);
        Assert.Equal(0, third.ExitCode);
        Assert.Contains("12 unchanged", third.Stderr, StringComparison.Ordinal);
        _ = await firstError;

        var history = await RayrayProcess.RunAsync(["history", "--db", Database, "--format", "json"]);
        using var runs = JsonDocument.Parse(history.Stdout);
        var statuses = runs.RootElement.EnumerateArray().Select(r => r.GetProperty("status").GetString()).ToList();
        Assert.Equal(["completed", "failed", "completed"], statuses);
    }

    [UnixFact]
    public async Task Sigterm_commits_what_was_read_records_an_interrupted_run_and_exits_130()
    {
        AddPhotos(3000);
        using var scan = Process.Start(RayrayProcess.StartInfo(["scan", Library, "--db", Database, "--workers", "1", "--batch-size", "25", "--log-level", "debug"]))!;
        scan.StandardInput.Close();
        var stdout = scan.StandardOutput.ReadToEndAsync();
        var committed = 0;
        var rest = new List<string>();
        while (await scan.StandardError.ReadLineAsync() is { } line)
        {
            if (line.Contains("Committed batch", StringComparison.Ordinal) && ++committed == 2)
                ExternalTool.Run("kill", "-TERM", scan.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            rest.Add(line);
        }
        await scan.WaitForExitAsync();
        await stdout;

        Assert.Equal(130, scan.ExitCode);
        Assert.Contains(rest, l => l.Contains("Stopping (SIGTERM)", StringComparison.Ordinal));
        Assert.Contains(rest, l => l.StartsWith("Stopped after", StringComparison.Ordinal));
        var history = await RayrayProcess.RunAsync(["history", "--db", Database, "--format", "ndjson"]);
        using var run = JsonDocument.Parse(history.StderrLines.Length == 0 ? history.Stdout.Split('\n')[0] : throw new InvalidOperationException(history.Stderr));
        Assert.Equal("interrupted", run.RootElement.GetProperty("status").GetString());
        var recorded = run.RootElement.GetProperty("new").GetInt64();
        Assert.InRange(recorded, 50, 2999);
        Assert.Equal(recorded, Count());
    }

    [UnixFact]
    public async Task A_killed_scans_run_is_marked_interrupted_by_the_next_scan()
    {
        var slow = SlowScan(12);
        using var scan = Process.Start(RayrayProcess.StartInfo(["scan", Library, "--db", Database, .. slow]))!;
        scan.StandardInput.Close();
        await WaitForLockAsync();
        scan.Kill();
        await scan.WaitForExitAsync();

        var next = await RayrayProcess.RunAsync(["scan", Library, "--db", Database, .. slow]);
        var history = await RayrayProcess.RunAsync(["history", "--db", Database, "--format", "json"]);

        Assert.Equal(0, next.ExitCode);
        using var runs = JsonDocument.Parse(history.Stdout);
        var (newest, killed) = (runs.RootElement[0], runs.RootElement[1]);
        Assert.Equal("completed", newest.GetProperty("status").GetString());
        Assert.Equal("interrupted", killed.GetProperty("status").GetString());
        Assert.Contains("killed or crashed", killed.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task Min_interval_makes_cron_runs_in_between_do_nothing()
    {
        AddPhotos(3);
        await RayrayProcess.RunAsync(["scan", Library, "--db", Database]);

        var result = await RayrayProcess.RunAsync(["scan", Library, "--db", Database, "--min-interval", "6h"]);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Nothing to do: the last complete scan of these roots ended", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", (await RayrayProcess.RunAsync(["scan", Library, "--db", Database, "--min-interval", "6h", "--quiet"])).Stderr);
    }

    [Fact]
    public async Task History_prints_a_table_for_people()
    {
        AddPhotos(2);
        await RayrayProcess.RunAsync(["scan", Library, "--db", Database]);

        var result = await RayrayProcess.RunAsync(["history", "--db", Database, "--format", "table"]);

        Assert.Equal(0, result.ExitCode);
        var table = PrintedTable.Parse(result.Stdout);
        Assert.Equal(["id", "started (UTC)", "took", "status", "seen", "new", "changed", "moved", "copied", "missing", "invalid", "MB read", "roots"], table.Header);
        var run = Assert.Single(table.Rows);
        Assert.Equal(["completed", "2", "2"], run[3..6]);
        Assert.Equal(Library, run[^1]);
    }

    [RequiresToolFact("strace")]
    public async Task A_rescan_with_nothing_changed_opens_no_file_of_the_library()
    {
        AddPhotos(300);
        _folder.Write("library/0/00001.jpg.xmp", TestImages.Xmp(rating: 3));
        await RayrayProcess.RunAsync(["scan", Library, "--db", Database]);
        var trace = _folder["strace.log"];

        var start = RayrayProcess.StartInfo(["scan", Library, "--db", Database]);
        start.ArgumentList.Insert(0, start.FileName);
        foreach (var option in new[] { "-f", "-qq", "-e", "trace=open,openat,openat2", "-o", trace }.Reverse())
            start.ArgumentList.Insert(0, option);
        start.FileName = ExternalTool.Require("strace");
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("300 unchanged", await stderr, StringComparison.Ordinal);
        var opened = File.ReadAllLines(trace).Where(l => l.Contains(Library + "/", StringComparison.Ordinal) && !l.Contains("O_DIRECTORY", StringComparison.Ordinal)).ToList();
        Assert.True(opened.Count == 0, "opened: " + string.Join("\n", opened.Take(5)));
    }

    private async Task WaitForLockAsync()
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                await using var connection = new SqliteConnection($"Data Source={Database};Mode=ReadOnly");
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT count(*) FROM scan_locks";
                if ((long)(await command.ExecuteScalarAsync())! > 0)
                    return;
            }
            catch (SqliteException)
            {
                // Not created yet.
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("the first scan never took the lock");
    }

    private long Count()
    {
        using var connection = new SqliteConnection($"Data Source={Database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM media_files";
        return (long)command.ExecuteScalar()!;
    }
}
