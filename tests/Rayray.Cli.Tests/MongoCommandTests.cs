using System.Diagnostics;
using System.Text.Json;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Cli.Tests;

/// <summary>Every command against MongoDB (the wire-protocol test peer), and what a user sees when the server says no.</summary>
public sealed class MongoCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-mongo-cli");

    public void Dispose() => _folder.Dispose();

    private string Library()
    {
        for (var i = 0; i < 5; i++)
            _folder.Write($"library/{(i < 3 ? "2024" : "2025")}/IMG_{i}.jpg", TestImages.Jpeg(8 + i, 8, new ExifSpec { Make = "Canon", Model = $"Canon EOS R{i}" }));
        return _folder["library"];
    }

    [MongoPeerFact]
    public async Task Scan_query_show_history_and_doctor_work_on_mongodb_as_on_sqlite()
    {
        await using var peer = await MongoPeer.StartAsync();
        var db = peer.Uri();
        var library = Library();

        var scan = await RayrayProcess.RunAsync(["scan", library, "--db", db]);
        var rescan = await RayrayProcess.RunAsync(["scan", library, "--db", db]);
        var paths = await RayrayProcess.RunAsync(["query", "kind:image && path:" + library + "/2024/**", "--db", db, "--format", "paths"]);
        var show = await RayrayProcess.RunAsync(["show", Path.Combine(library, "2025", "IMG_4.jpg"), "--db", db]);
        var history = await RayrayProcess.RunAsync(["history", "--db", db, "--format", "json"]);
        var doctor = await RayrayProcess.RunAsync(["doctor", "--db", db, "--format", "json"]);

        Assert.True(scan.ExitCode == 0, scan.Stderr);
        Assert.Equal(0, rescan.ExitCode);
        Assert.Equal(3, paths.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.All(paths.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), p => Assert.StartsWith(Path.Combine(library, "2024"), p, StringComparison.Ordinal));
        using (var document = JsonDocument.Parse(show.Stdout))
            Assert.Equal("Canon EOS R4", document.RootElement.GetProperty("camera").GetProperty("model").GetString());
        using (var runs = JsonDocument.Parse(history.Stdout))
        {
            Assert.Equal(2, runs.RootElement.GetArrayLength());
            Assert.All(runs.RootElement.EnumerateArray(), r => Assert.Equal("completed", r.GetProperty("status").GetString()));
            Assert.Equal(5, runs.RootElement[1].GetProperty("new").GetInt64());
            Assert.Equal(0, runs.RootElement[0].GetProperty("new").GetInt64());
        }
        using (var report = JsonDocument.Parse(doctor.Stdout))
        {
            var checks = report.RootElement.EnumerateArray().ToDictionary(c => c.GetProperty("check").GetString()!, c => c.GetProperty("status").GetString());
            Assert.Equal("ok", checks["database"]);
            Assert.Equal("ok", checks["indexes"]);
        }
    }

    [MongoPeerFact]
    public async Task A_scan_through_a_mongos_indexes_the_library_and_answers_queries()
    {
        await using var peer = await MongoPeer.StartAsync("--mongos");
        var db = peer.Uri();
        var library = Library();

        var scan = await RayrayProcess.RunAsync(["scan", library, "--db", db]);
        var count = await RayrayProcess.RunAsync(["query", "kind:image", "--db", db, "--format", "paths"]);

        Assert.True(scan.ExitCode == 0, scan.Stderr);
        Assert.Equal(5, count.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(await peer.CommandDocumentsAsync("update"), u => (string?)u["update"] == "media_files" && u["txnNumber"] is not null);
    }

    [MongoPeerFact]
    public async Task Ctrl_C_while_a_batch_waits_on_a_stalled_server_exits_130_within_a_second_and_records_the_run_as_interrupted()
    {
        // The first update is the schema version written at start-up; the second is the first batch.
        await using var peer = await MongoPeer.StartAsync("--fault", "stall:update:2", "--stall-seconds", "60");
        var db = peer.Uri();
        await using var scan = RunningRayray.Start(["scan", Library(), "--db", db]);
        while (!(await peer.CommandDocumentsAsync("update")).Any(u => (string?)u["update"] == "media_files"))
            await Task.Delay(50);
        Assert.False(scan.HasExited);

        var clock = Stopwatch.StartNew();
        scan.Signal("INT");
        var result = await scan.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed.TotalMilliseconds:0} ms to exit");
        Assert.Equal(130, result.ExitCode);
        var history = await RayrayProcess.RunAsync(["history", "--db", db, "--format", "json"]);
        using var runs = JsonDocument.Parse(history.Stdout);
        Assert.Equal("interrupted", runs.RootElement[0].GetProperty("status").GetString());
    }

    [MongoPeerFact]
    public async Task A_wrong_password_exits_1_naming_the_user_and_server_and_the_password_appears_nowhere()
    {
        await using var peer = await MongoPeer.StartAsync("--user", "indexer", "--password", "the-right-one");
        var log = _folder["logs/scan.log"];

        var result = await RayrayProcess.RunAsync(["scan", Library(), "--db", peer.Uri(credentials: "indexer:Sup3r%40Secret@"), "--log-file", log, "--log-level", "debug"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("indexer", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Authentication failed", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{peer.Port}", result.Stderr, StringComparison.Ordinal);
        foreach (var text in new[] { result.Stderr, result.Stdout, File.Exists(log) ? await File.ReadAllTextAsync(log) : "" })
        {
            Assert.DoesNotContain("Sup3r", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Secret", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unreachable_server_exits_1_and_says_which_address_it_tried()
    {
        var result = await RayrayProcess.RunAsync(["query", "kind:image", "--db", "mongodb://127.0.0.1:9/rayray?serverSelectionTimeoutMS=1000&connectTimeoutMS=500"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("127.0.0.1:9", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public async Task A_malformed_connection_string_exits_1_saying_what_is_wrong_without_the_password()
    {
        var result = await RayrayProcess.RunAsync(["query", "kind:image", "--db", "mongodb://user:hunter2@host:notaport/db"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("connection string", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.Stderr, StringComparison.Ordinal);
    }

    [MongoPeerFact]
    public async Task A_query_mongodb_cannot_express_exits_2_with_what_to_write_instead()
    {
        await using var peer = await MongoPeer.StartAsync();

        var result = await RayrayProcess.RunAsync(["query", "sun*", "--db", peer.Uri()]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("whole words", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }
}
