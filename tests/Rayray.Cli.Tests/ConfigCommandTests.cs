using System.Text.Json;
using Rayray.Testing;

namespace Rayray.Cli.Tests;

/// <summary><c>rayray config</c>: each effective setting with its source, passwords hidden; <c>--path</c>.</summary>
public sealed class ConfigCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-config-command");

    public void Dispose() => _folder.Dispose();

    private static Dictionary<string, string> Environment(params (string Name, string Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value);

    private static Dictionary<string, (JsonElement Value, string Source)> Settings(RayrayProcess.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        return json.RootElement.GetProperty("settings").EnumerateObject()
            .ToDictionary(p => p.Name, p => (p.Value.GetProperty("value").Clone(), p.Value.GetProperty("source").GetString()!));
    }

    [Fact]
    public async Task It_shows_where_each_setting_comes_from()
    {
        var logFile = _folder["logs/rayray.log"];
        var config = _folder.Write("config.toml", $"""
            # nightly scan
            workers = 3
            roots = ['{_folder["photos"]}', '{_folder["video"]}']
            ffprobe = '/opt/ffmpeg/bin/ffprobe'

            [log]
            file = '{logFile}'
            """);

        var result = await RayrayProcess.RunAsync(["config", "--config", config, "--format", "json", "--log-level", "debug"],
            Environment(("RAYRAY_FFPROBE", "/usr/local/bin/ffprobe")));

        var settings = Settings(result);
        Assert.Equal((3, $"file {config}:2"), (settings["workers"].Value.GetInt32(), settings["workers"].Source));
        Assert.Equal([_folder["photos"], _folder["video"]], settings["roots"].Value.EnumerateArray().Select(r => r.GetString()));
        Assert.Equal($"file {config}:3", settings["roots"].Source);
        Assert.Equal(("/usr/local/bin/ffprobe", "environment RAYRAY_FFPROBE"), (settings["ffprobe"].Value.GetString(), settings["ffprobe"].Source));
        Assert.Equal(("debug", "command line"), (settings["log.level"].Value.GetString(), settings["log.level"].Source));
        Assert.Equal((logFile, $"file {config}:7"), (settings["log.file"].Value.GetString(), settings["log.file"].Source));
        Assert.Equal(("text", "default"), (settings["log.format"].Value.GetString(), settings["log.format"].Source));
        Assert.Equal((false, "default"), (settings["include_hidden"].Value.GetBoolean(), settings["include_hidden"].Source));
        Assert.Equal("environment RAYRAY_DB", settings["db"].Source);
        Assert.Equal(
            ["db", "roots", "exclude", "workers", "ffprobe", "probe_timeout", "include_hidden", "follow_symlinks", "all_files", "perceptual_hash", "log.level", "log.file", "log.format"],
            settings.Keys);
    }

    [Fact]
    public async Task The_table_lists_each_setting_with_its_value_and_source()
    {
        var config = _folder.Write("config.toml", "workers = 3\n");

        var result = await RayrayProcess.RunAsync(["config", "--config", config, "--format", "table", "--db", _folder["c.db"]]);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n');
        Assert.Equal($"config file: {config}", lines[0]);
        Assert.Contains(lines, l => l.Contains("workers", StringComparison.Ordinal) && l.Contains($"file {config}:1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(_folder["c.db"], StringComparison.Ordinal) && l.Contains("command line", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("probe_timeout", StringComparison.Ordinal) && l.Contains("30", StringComparison.Ordinal) && l.Contains("default", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_password_of_a_mongodb_uri_shows_nowhere()
    {
        var config = _folder.Write("config.toml", "db = \"mongodb://user:secret@host/db\"\n");

        var outputs = new List<RayrayProcess.Result>();
        foreach (var format in new[] { "json", "table" })
        {
            outputs.Add(await RayrayProcess.RunAsync(["config", "--config", config, "--format", format], Environment(("RAYRAY_DB", ""))));
            outputs.Add(await RayrayProcess.RunAsync(["config", "--format", format], Environment(("RAYRAY_DB", "mongodb://user:secret@host/db"))));
            outputs.Add(await RayrayProcess.RunAsync(["config", "--format", format, "--db", "mongodb://user:secret@host/db"]));
        }

        foreach (var output in outputs)
        {
            Assert.Equal(0, output.ExitCode);
            Assert.Contains("mongodb://user:***@host/db", output.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("secret", output.Stdout + output.Stderr, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal("file " + config + ":1", Settings(outputs[0])["db"].Source);
        Assert.Equal("environment RAYRAY_DB", Settings(outputs[1])["db"].Source);
        Assert.Equal("command line", Settings(outputs[2])["db"].Source);
    }

    [Fact]
    public async Task Without_a_config_file_every_setting_but_the_database_is_a_default()
    {
        var result = await RayrayProcess.RunAsync(["config"], Environment(("RAYRAY_FFPROBE", "")));

        var settings = Settings(result);
        Assert.All(settings.Where(s => s.Key != "db"), s => Assert.Equal("default", s.Value.Source));
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.False(json.RootElement.GetProperty("fileFound").GetBoolean());
    }

    [Fact]
    public async Task Path_prints_the_file_it_would_read()
    {
        var xdg = _folder["xdg"];
        var named = _folder["elsewhere/rayray.toml"];

        var byDefault = await RayrayProcess.RunAsync(["config", "--path"], Environment(("XDG_CONFIG_HOME", xdg)));
        var byEnvironment = await RayrayProcess.RunAsync(["config", "--path"], Environment(("RAYRAY_CONFIG", named)));
        var byOption = await RayrayProcess.RunAsync(["config", "--path", "--config", named], Environment(("RAYRAY_CONFIG", _folder["other.toml"])));

        Assert.Equal((0, Path.Combine(xdg, "rayray", "config.toml") + "\n"), (byDefault.ExitCode, byDefault.Stdout));
        Assert.Equal((0, named + "\n"), (byEnvironment.ExitCode, byEnvironment.Stdout));
        Assert.Equal((0, named + "\n"), (byOption.ExitCode, byOption.Stdout));
    }

    [Fact]
    public async Task A_bad_file_makes_config_exit_2_too()
    {
        var config = _folder.Write("config.toml", "worker = 3\n");

        var result = await RayrayProcess.RunAsync(["config", "--config", config]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal($"rayray: {config}:1:1: unknown setting worker (did you mean workers?)", Assert.Single(result.StderrLines));
    }
}
