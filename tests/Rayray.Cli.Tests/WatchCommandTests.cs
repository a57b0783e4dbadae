using System.Text.Json;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Cli.Tests;

/// <summary><c>rayray scan --watch</c> as a service runs it: changes logged at info as they are indexed, and a clean stop.</summary>
public sealed class WatchCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-watch");

    public void Dispose() => _folder.Dispose();

    private string Library => _folder["library"];
    private string Database => _folder["db/rayray.db"];

    private static byte[] Photo(int n) => TestImages.Jpeg(16, 16, new ExifSpec { Model = $"camera {n}" });

    [UnixFact]
    public async Task Sigterm_while_watching_exits_130_with_the_changes_already_seen_committed()
    {
        _folder.Write("library/a/0.jpg", Photo(0));
        var doomed = _folder.Write("library/a/1.jpg", Photo(1));
        await using var rayray = RunningRayray.Start(["scan", Library, "--watch", "--db", Database, "--log-level", "info"]);
        await rayray.WaitForLineAsync(l => l.Contains("Watching for changes", StringComparison.Ordinal), "that it watches");

        var added = _folder.Write("library/b/new.jpg", Photo(2));
        File.Delete(doomed);
        await rayray.WaitForLineAsync(l => l.Contains($"Indexed {added} (new)", StringComparison.Ordinal), "the new file indexed", TimeSpan.FromSeconds(10));
        await rayray.WaitForLineAsync(l => l.Contains($"Gone: {doomed}", StringComparison.Ordinal), "the deleted file released", TimeSpan.FromSeconds(10));
        rayray.Signal("TERM");
        var result = await rayray.WaitForExitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(130, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains(result.StderrLines, l => l.StartsWith("Stopped after", StringComparison.Ordinal));
        Assert.Equal(3L, DatabaseInspection.Count(Database));
        Assert.Equal(2L, DatabaseInspection.Count(Database, "SELECT count(*) FROM locations"));
        Assert.Equal(1L, DatabaseInspection.Count(Database, "SELECT count(*) FROM media_files WHERE status = 'missing'"));
        var history = await RayrayProcess.RunAsync(["history", "--db", Database, "--format", "json"]);
        using var runs = JsonDocument.Parse(history.Stdout);
        var run = Assert.Single(runs.RootElement.EnumerateArray());
        Assert.Equal("interrupted", run.GetProperty("status").GetString());
        Assert.Equal(3, run.GetProperty("new").GetInt64());
        Assert.Equal(1, run.GetProperty("missing").GetInt64());
    }

    [UnixFact]
    public async Task A_quiet_watch_prints_nothing_polls_find_changes_and_min_interval_is_refused()
    {
        _folder.Write("library/0.jpg", Photo(0));
        var log = _folder["watch.log"];
        await using var rayray = RunningRayray.Start(["scan", Library, "--poll", "1", "--db", Database, "--quiet", "--log-file", log]);
        await Eventually(() => File.Exists(log) && File.ReadAllText(log).Contains("Watching for changes", StringComparison.Ordinal), "the watch begun");

        var added = _folder.Write("library/later.jpg", Photo(1));
        await Eventually(() => DatabaseInspection.Count(Database) == 2, "the file added after the scan indexed by a poll");
        rayray.Signal("INT");
        var quiet = await rayray.WaitForExitAsync(TimeSpan.FromSeconds(20));
        var refused = await RayrayProcess.RunAsync(["scan", Library, "--watch", "--min-interval", "1h", "--db", Database]);

        Assert.Equal(130, quiet.ExitCode);
        Assert.Equal("", quiet.Stderr.Trim());
        Assert.Contains($"Indexed {added} (new)", await File.ReadAllTextAsync(log), StringComparison.Ordinal);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--min-interval cannot be combined with --watch", refused.Stderr, StringComparison.Ordinal);
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"not within 10 s: {what}");
            await Task.Delay(100);
        }
    }
}
