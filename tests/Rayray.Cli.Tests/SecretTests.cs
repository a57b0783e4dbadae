using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Cli.Tests;

/// <summary>
/// The password of a MongoDB connection string never shows: not on stdout or stderr, not in the
/// --log-file at debug level, not in <c>rayray doctor</c>, whether the server accepts it, refuses
/// it, cannot be reached, or the string is malformed.
/// </summary>
public sealed class SecretTests : IDisposable
{
    private const string User = "indexer";
    private readonly TempFolder _folder = new("rayray-secret");

    public void Dispose() => _folder.Dispose();

    private string Library()
    {
        for (var i = 0; i < 3; i++)
            _folder.Write($"library/IMG_{i}.jpg", TestImages.Jpeg(8 + i, 8, new ExifSpec { Make = "Canon", Model = $"EOS {i}" }));
        return _folder["library"];
    }

    [MongoPeerFact]
    public async Task A_scan_that_logs_in_shows_its_password_nowhere()
    {
        const string password = "Acc3pted-Pw-4471";
        await using var peer = await MongoPeer.StartAsync("--user", User, "--password", password);

        var outputs = await RunEverythingAsync(peer.Uri(credentials: $"{User}:{password}@"), expectedExitCode: 0);

        AssertNowhere(outputs, password);
    }

    [MongoPeerFact]
    public async Task A_refused_password_shows_nowhere()
    {
        // Percent-encoded in the string ("/" and "@"): neither form may show.
        const string encoded = "Ref%2Fused%40Pw-9902";
        const string decoded = "Ref/used@Pw-9902";
        await using var peer = await MongoPeer.StartAsync("--user", User, "--password", "the-right-one");

        var outputs = await RunEverythingAsync(peer.Uri(credentials: $"{User}:{encoded}@"), expectedExitCode: 1);

        Assert.Contains(outputs, o => o.Text.Contains("Authentication failed", StringComparison.Ordinal));
        AssertNowhere(outputs, encoded, decoded);
    }

    [Fact]
    public async Task The_password_for_an_unreachable_server_shows_nowhere()
    {
        const string password = "Unr3ach-Pw-5150";

        var outputs = await RunEverythingAsync($"mongodb://{User}:{password}@127.0.0.1:9/rayray?serverSelectionTimeoutMS=1000&connectTimeoutMS=500", expectedExitCode: 1);

        Assert.Contains(outputs, o => o.Text.Contains("127.0.0.1:9", StringComparison.Ordinal));
        AssertNowhere(outputs, password);
    }

    [Fact]
    public async Task The_password_in_a_malformed_connection_string_shows_nowhere()
    {
        const string password = "Malf0rmed-Pw-6060";

        var outputs = await RunEverythingAsync($"mongodb://{User}:{password}@host:notaport/rayray", expectedExitCode: 1);

        Assert.Contains(outputs, o => o.Text.Contains("connection string", StringComparison.Ordinal));
        AssertNowhere(outputs, password);
    }

    /// <summary>scan, doctor and doctor --format json, each with a debug log file; every stdout, stderr and log file.</summary>
    private async Task<List<(string Where, string Text)>> RunEverythingAsync(string uri, int expectedExitCode)
    {
        var library = Library();
        var outputs = new List<(string Where, string Text)>();
        var commands = new (string Name, string[] Arguments)[]
        {
            ("scan", ["scan", library]),
            ("doctor", ["doctor"]),
            ("doctor --format json", ["doctor", "--format", "json"]),
        };
        foreach (var (name, arguments) in commands)
        {
            var log = _folder[$"logs/{name.Replace(' ', '-')}.log"];
            var result = await RayrayProcess.RunAsync([.. arguments, "--db", uri, "--log-file", log, "--log-level", "debug"]);
            Assert.True(name != "scan" || result.ExitCode == expectedExitCode, $"{name} exited {result.ExitCode}: {result.Stderr}");
            outputs.Add(($"{name}: stdout", result.Stdout));
            outputs.Add(($"{name}: stderr", result.Stderr));
            outputs.Add(($"{name}: log file", File.Exists(log) ? await File.ReadAllTextAsync(log) : ""));
        }
        // The connection string from the environment instead of the command line.
        var fromEnvironment = await RayrayProcess.RunAsync(["doctor", "--log-level", "debug"], new Dictionary<string, string> { ["RAYRAY_DB"] = uri });
        outputs.Add(("doctor with RAYRAY_DB: stdout", fromEnvironment.Stdout));
        outputs.Add(("doctor with RAYRAY_DB: stderr", fromEnvironment.Stderr));
        Assert.Contains(outputs, o => o.Where.EndsWith("log file", StringComparison.Ordinal) && o.Text.Length > 0);
        return outputs;
    }

    private static void AssertNowhere(List<(string Where, string Text)> outputs, params string[] secrets)
    {
        foreach (var (where, text) in outputs)
        {
            foreach (var secret in secrets)
                Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"the password shows in {where}:\n{text}");
        }
    }
}
