using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Rayray.Testing;

/// <summary>
/// A MongoDB wire-protocol peer on a loopback port (fake_mongod.py over Debian's python3-mockupdb):
/// it answers the official driver like a small mongod, mongos or replica-set member, from an in-memory
/// database, and records every command it receives, so tests can check exactly what was sent.
/// See the script's header for its options, what it supports and how faults are injected.
/// </summary>
public sealed class MongoPeer : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";
    private static readonly Lazy<string?> Unavailable = new(FindProblem);

    private readonly Process _process;
    private readonly ConcurrentQueue<JsonObject> _commands = new();
    private readonly ConcurrentQueue<JsonObject> _events = new();
    private readonly StringBuilder _standardError;
    private readonly SemaphoreSlim _configuring = new(1, 1);
    private readonly Task _reading;
    private readonly Task _readingErrors;
    private TaskCompletionSource<JsonObject>? _configured;
    private DateTime _lastLine = DateTime.UtcNow;

    private MongoPeer(Process process, int port, StringBuilder standardError, Task readingErrors)
    {
        _process = process;
        Port = port;
        _standardError = standardError;
        _readingErrors = readingErrors;
        _reading = Task.Run(ReadAsync);
    }

    public int Port { get; }

    /// <summary>The address the peer knows itself by (hello's <c>me</c> and <c>hosts</c>): <c>127.0.0.1:PORT</c>.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>What the peer wrote on stderr so far (Python tracebacks, if it ever fails).</summary>
    public string StandardError
    {
        get
        {
            lock (_standardError)
                return _standardError.ToString();
        }
    }

    /// <summary>Null when the peer can run here; otherwise why not (python3-mockupdb missing).</summary>
    public static string? WhyUnavailable => Unavailable.Value;

    public static string ScriptPath => Path.Combine(RepoPaths.Root, "tests", "Rayray.Testing", "MongoPeer", "fake_mongod.py");

    /// <summary>The query string every test URI starts with: short timeouts, so a failing test fails fast.</summary>
    public const string DefaultUriOptions = "serverSelectionTimeoutMS=3000&connectTimeoutMS=3000&socketTimeoutMS=10000";

    /// <summary>A connection string to this peer: database <paramref name="database"/>, short timeouts, plus <paramref name="options"/>.</summary>
    public string Uri(string database = "rayray_test", string options = "", string credentials = "") =>
        $"mongodb://{credentials}{Address}/{database}?{DefaultUriOptions}{(options.Length > 0 ? "&" + options : "")}";

    /// <summary>Starts a peer with the script's command-line <paramref name="options"/> (e.g. <c>--fault</c>, <c>"stall:find:1"</c>).</summary>
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
        var errors = new StringBuilder();
        var readingErrors = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                lock (errors)
                    errors.AppendLine(line);
            }
        });
        string? first;
        try
        {
            first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            first = null;
        }
        if (first is null || JsonNode.Parse(first)?["port"] is not { } port)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
            await readingErrors.ConfigureAwait(false);
            string stderr;
            lock (errors)
                stderr = errors.ToString().Trim();
            process.Dispose();
            throw new InvalidOperationException($"the MongoDB test peer did not start (first line: {first ?? "none"}; stderr: {stderr})");
        }
        return new MongoPeer(process, port.GetValue<int>(), errors, readingErrors);
    }

    /// <summary>
    /// Starts a replica set of two peers: a primary, and a secondary that names it. Both list both in <c>hosts</c>,
    /// so a driver given either as its only seed (with <c>replicaSet=</c>) finds the primary and writes there.
    /// </summary>
    public static async Task<MongoPeerReplicaSet> StartReplicaSetAsync(
        string setName = "rs0", IEnumerable<string>? primaryOptions = null, IEnumerable<string>? secondaryOptions = null)
    {
        var primary = await StartAsync(["--set-name", setName, .. primaryOptions ?? []]).ConfigureAwait(false);
        try
        {
            var secondary = await StartAsync(
                ["--set-name", setName, "--secondary", "--primary", primary.Address, "--hosts", primary.Address, .. secondaryOptions ?? []]).ConfigureAwait(false);
            try
            {
                await primary.ConfigureAsync(new JsonObject { ["hosts"] = new JsonArray(primary.Address, secondary.Address) }).ConfigureAwait(false);
                return new MongoPeerReplicaSet(setName, primary, secondary);
            }
            catch
            {
                await secondary.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch
        {
            await primary.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Changes the running peer (one stdin control line, see the script's header) and waits until it is applied:
    /// <c>{"secondary": true, "primary": "127.0.0.1:P"}</c>, <c>{"hosts": [...]}</c>, or <c>{"fault": "hangup:update:1"}</c>
    /// (a fault counted from now).
    /// </summary>
    public async Task ConfigureAsync(JsonObject change)
    {
        ArgumentNullException.ThrowIfNull(change);
        await _configuring.WaitAsync().ConfigureAwait(false);
        try
        {
            var done = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
            _configured = done;
            await _process.StandardInput.WriteLineAsync(change.ToJsonString()).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync().ConfigureAwait(false);
            var ack = await done.Task.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            if (ack["error"] is { } error)
                throw new InvalidOperationException($"the MongoDB test peer refused {change.ToJsonString()}: {error}");
        }
        finally
        {
            _configuring.Release();
        }
    }

    /// <summary>Arms a fault (KIND:COMMAND:N, N counted from now) on the running peer.</summary>
    public Task AddFaultAsync(string fault) => ConfigureAsync(new JsonObject { ["fault"] = fault });

    /// <summary>The commands received so far, once the peer has been quiet for a moment (its lines arrive just after its replies).</summary>
    public async Task<IReadOnlyList<JsonObject>> CommandsAsync(string? name = null)
    {
        await QuietAsync().ConfigureAwait(false);
        return [.. _commands.Where(c => name is null || string.Equals((string?)c["name"], name, StringComparison.OrdinalIgnoreCase))];
    }

    /// <summary>The command documents (with <c>$db</c> and any document sequences) of the commands named <paramref name="name"/>.</summary>
    public async Task<IReadOnlyList<JsonObject>> CommandDocumentsAsync(string name) =>
        [.. (await CommandsAsync(name).ConfigureAwait(false)).Select(c => c["command"]!.AsObject())];

    /// <summary>
    /// The peer's events so far (<c>fault</c>, <c>replayed</c>, <c>closed</c>, <c>tls-failed</c>, <c>configured</c>),
    /// optionally only those of one kind.
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> EventsAsync(string? kind = null)
    {
        await QuietAsync().ConfigureAwait(false);
        return [.. _events.Where(e => kind is null || string.Equals((string?)e["event"], kind, StringComparison.Ordinal))];
    }

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
        await _readingErrors.ConfigureAwait(false);
        _process.Dispose();
        _configuring.Dispose();
    }

    private async Task QuietAsync()
    {
        while (DateTime.UtcNow - _lastLine < TimeSpan.FromMilliseconds(300))
            await Task.Delay(50).ConfigureAwait(false);
    }

    private async Task ReadAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (JsonNode.Parse(line) is JsonObject record)
            {
                if (record["event"] is null)
                {
                    _commands.Enqueue(record);
                }
                else
                {
                    _events.Enqueue(record);
                    if ((string?)record["event"] == "configured")
                        _configured?.TrySetResult(record);
                }
            }
            _lastLine = DateTime.UtcNow;
        }
        _configured?.TrySetException(new InvalidOperationException($"the MongoDB test peer exited: {StandardError}"));
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
