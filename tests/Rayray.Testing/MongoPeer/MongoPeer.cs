using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Rayray.Testing;

/// <summary>
/// A MongoDB wire-protocol peer on a loopback port (fake_mongod.py over Debian's python3-mockupdb):
/// it answers from a small in-memory database and records every command it receives, so tests can
/// check exactly what rayray sent. See the script's header for what it does and how faults are injected.
/// </summary>
public sealed class MongoPeer : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";
    private static readonly Lazy<string?> Unavailable = new(FindProblem);

    private readonly Process _process;
    private readonly ConcurrentQueue<JsonObject> _commands = new();
    private readonly Task _reading;
    private DateTime _lastLine = DateTime.UtcNow;

    private MongoPeer(Process process, int port)
    {
        _process = process;
        Port = port;
        _reading = Task.Run(ReadAsync);
    }

    public int Port { get; }

    /// <summary>Null when the peer can run here; otherwise why not (python3-mockupdb missing).</summary>
    public static string? WhyUnavailable => Unavailable.Value;

    public static string ScriptPath => Path.Combine(RepoPaths.Root, "tests", "Rayray.Testing", "MongoPeer", "fake_mongod.py");

    /// <summary>A connection string to this peer: database <paramref name="database"/>, short timeouts, plus <paramref name="options"/>.</summary>
    public string Uri(string database = "rayray_test", string options = "", string credentials = "") =>
        $"mongodb://{credentials}127.0.0.1:{Port}/{database}?serverSelectionTimeoutMS=3000&connectTimeoutMS=3000&socketTimeoutMS=10000{(options.Length > 0 ? "&" + options : "")}";

    public static async Task<MongoPeer> StartAsync(params string[] options)
    {
        if (WhyUnavailable is { } problem)
            throw new InvalidOperationException(problem);
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ScriptPath);
        foreach (var option in options)
            start.ArgumentList.Add(option);
        var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        if (first is null || JsonNode.Parse(first)?["port"] is not { } port)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"the MongoDB test peer did not start (first line: {first ?? "none"})");
        }
        return new MongoPeer(process, port.GetValue<int>());
    }

    /// <summary>The commands received so far, once the peer has been quiet for a moment (its lines arrive just after its replies).</summary>
    public async Task<IReadOnlyList<JsonObject>> CommandsAsync(string? name = null)
    {
        while (DateTime.UtcNow - _lastLine < TimeSpan.FromMilliseconds(300))
            await Task.Delay(50);
        return [.. _commands.Where(c => name is null || string.Equals((string?)c["name"], name, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>The command documents (with <c>$db</c> and any document sequences) of the commands named <paramref name="name"/>.</summary>
    public async Task<IReadOnlyList<JsonObject>> CommandDocumentsAsync(string name) =>
        [.. (await CommandsAsync(name)).Select(c => c["command"]!.AsObject())];

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            if (!_process.WaitForExit(3000))
                _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        await _reading.ConfigureAwait(false);
        _process.Dispose();
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (JsonNode.Parse(line) is JsonObject record)
                _commands.Enqueue(record);
            _lastLine = DateTime.UtcNow;
        }
    }

    private static string? FindProblem()
    {
        if (!File.Exists(Python))
            return $"{Python} is not installed";
        try
        {
            var check = new ProcessStartInfo(Python, ["-c", "import mockupdb, bson"]) { RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(check)!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"python3-mockupdb is not installed ({error.Trim().Split('\n')[^1]})";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"{Python} cannot run: {e.Message}";
        }
    }
}

/// <summary>A fact that talks to the MongoDB test peer: skipped with the reason where python3-mockupdb is missing, except under CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MongoPeerFactAttribute : FactAttribute
{
    public MongoPeerFactAttribute()
    {
        if (MongoPeer.WhyUnavailable is { } problem && !ExternalTool.IsCi)
            Skip = $"needs the MongoDB test peer: {problem} (CI installs python3-mockupdb)";
    }
}
