using System.Text.Json;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Cli.Tests;

/// <summary>
/// The config file, through the real binary: the layers (command line over environment over file
/// over default), a bare <c>rayray scan</c> of the file's roots, and a bad file stopping every
/// command with exit 2 before a database is opened.
/// </summary>
public sealed class ConfigFileTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-config");

    public void Dispose() => _folder.Dispose();

    private string Library => _folder["library"];

    private void AddPhotos(int count, string prefix = "IMG_")
    {
        for (var i = 0; i < count; i++)
            _folder.Write($"library/{prefix}{i}.jpg", TestImages.Jpeg(8 + i, 8, new ExifSpec { Make = "Canon", Model = $"{prefix}{i}" }));
    }

    /// <summary>The config file, with its lines as given (paths in TOML literal strings, so Windows backslashes stay).</summary>
    private string WriteConfig(params string[] lines) => _folder.Write("etc/config.toml", string.Join('\n', lines) + "\n");

    private static string Literal(string path) => $"'{path}'";

    private static Dictionary<string, string> Environment(params (string Name, string Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => v.Value);

    private static async Task<long> DocumentsAsync(string database)
    {
        var stats = await RayrayProcess.RunAsync(["stats", "--db", database, "--format", "json"]);
        Assert.Equal(0, stats.ExitCode);
        using var json = JsonDocument.Parse(stats.Stdout);
        return json.RootElement.GetProperty("documents").GetInt64();
    }

    [Fact]
    public async Task The_command_line_beats_the_environment_which_beats_the_file_which_beats_the_default()
    {
        AddPhotos(2);
        var (a, b, c) = (_folder["db/a.db"], _folder["db/b.db"], _folder["db/c.db"]);
        var config = WriteConfig(
            $"db = {Literal(a)}",
            "workers = 3",
            $"roots = [{Literal(Library)}]");

        var withAll = await RayrayProcess.RunAsync(["scan", "--config", config, "--db", c, "--log-level", "info"], Environment(("RAYRAY_DB", b)));
        var withoutCommandLine = await RayrayProcess.RunAsync(["scan", "--config", config, "--log-level", "info"], Environment(("RAYRAY_DB", b)));
        var withoutEnvironment = await RayrayProcess.RunAsync(["scan", "--config", config, "--log-level", "info"], Environment(("RAYRAY_DB", "")));
        var withoutFile = await RayrayProcess.RunAsync(["scan", Library, "--log-level", "info"], Environment(("RAYRAY_DB", b)));

        Assert.Equal(0, withAll.ExitCode);
        Assert.Contains($"into \"{c}\" with 3 workers", withAll.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, withoutCommandLine.ExitCode);
        Assert.Contains($"into \"{b}\" with 3 workers", withoutCommandLine.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, withoutEnvironment.ExitCode);
        Assert.Contains($"into \"{a}\" with 3 workers", withoutEnvironment.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, withoutFile.ExitCode);
        Assert.Contains($"with {System.Environment.ProcessorCount} workers", withoutFile.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, await DocumentsAsync(a));
        Assert.Equal(2, await DocumentsAsync(c));
    }

    [Fact]
    public async Task A_bare_scan_indexes_the_roots_of_the_default_config_file()
    {
        AddPhotos(3);
        var database = _folder["db/rayray.db"];
        var xdg = _folder["xdg"];
        _folder.Write("xdg/rayray/config.toml", $"db = {Literal(database)}\nroots = [{Literal(Library)}]\n");

        var scan = await RayrayProcess.RunAsync(["scan"], Environment(("XDG_CONFIG_HOME", xdg), ("RAYRAY_DB", "")));

        Assert.True(scan.ExitCode == 0, scan.Stderr);
        Assert.Equal(3, await DocumentsAsync(database));
    }

    [Fact]
    public async Task Relative_paths_in_the_file_are_relative_to_its_folder()
    {
        AddPhotos(1);
        var config = WriteConfig("db = '../db/here.db'", "roots = ['../library']");

        var scan = await RayrayProcess.RunAsync(["scan", "--config", config], Environment(("RAYRAY_DB", "")));

        Assert.True(scan.ExitCode == 0, scan.Stderr);
        Assert.Equal(1, await DocumentsAsync(_folder["db/here.db"]));
    }

    [Fact]
    public async Task Exclusions_on_the_command_line_replace_those_of_the_file()
    {
        AddPhotos(2, "keep_");
        AddPhotos(3, "skip_");
        var database = _folder["db/rayray.db"];
        var config = WriteConfig($"db = {Literal(database)}", $"roots = [{Literal(Library)}]", "exclude = ['skip_*']");

        var fromFile = await RayrayProcess.RunAsync(["scan", "--config", config], Environment(("RAYRAY_DB", "")));
        var documentsFromFile = await DocumentsAsync(database);
        var replaced = await RayrayProcess.RunAsync(["scan", "--config", config, "--exclude", "keep_*"], Environment(("RAYRAY_DB", "")));

        Assert.Equal(0, fromFile.ExitCode);
        Assert.Equal(2, documentsFromFile);
        Assert.Equal(0, replaced.ExitCode);
        // The file's skip_* no longer applies: the three are new; the keep_* ones are left as they were.
        Assert.True(replaced.Stderr.Contains("3 new", StringComparison.Ordinal), replaced.Stderr);
        Assert.Equal(5, await DocumentsAsync(database));
    }

    [Fact]
    public async Task A_syntax_error_names_the_file_and_line_and_no_database_is_opened()
    {
        AddPhotos(1);
        var database = _folder["db/never.db"];
        var config = WriteConfig("# rayray", $"roots = [{Literal(Library)}]", "db = \"unterminated");

        var scan = await RayrayProcess.RunAsync(["scan", "--config", config], Environment(("RAYRAY_DB", database)));

        Assert.Equal(2, scan.ExitCode);
        var line = Assert.Single(scan.StderrLines);
        Assert.StartsWith($"rayray: {config}:3:", line, StringComparison.Ordinal);
        Assert.Contains("not valid TOML", line, StringComparison.Ordinal);
        Assert.False(File.Exists(database));
    }

    [Fact]
    public async Task An_unknown_key_is_an_error_that_names_it_and_the_one_it_probably_meant()
    {
        var config = WriteConfig("workers = 2", "", "[log]", "levle = 'info'");

        var stats = await RayrayProcess.RunAsync(["stats", "--config", config]);

        Assert.Equal(2, stats.ExitCode);
        Assert.Equal($"rayray: {config}:4:1: unknown setting log.levle (did you mean log.level?)", Assert.Single(stats.StderrLines));
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_names_the_key_and_its_line()
    {
        var config = WriteConfig("# nightly", "include_hidden = true", "workers = \"four\"");

        var scan = await RayrayProcess.RunAsync(["scan", "--config", config, Library]);

        Assert.Equal(2, scan.ExitCode);
        Assert.Equal($"rayray: {config}:3:11: workers must be an integer from 1 to 256, not a string", Assert.Single(scan.StderrLines));
    }

    [Fact]
    public async Task A_value_out_of_range_is_an_error_even_when_the_command_line_gives_that_setting()
    {
        var config = WriteConfig("probe_timeout = 0");

        var scan = await RayrayProcess.RunAsync(["scan", "--config", config, "--probe-timeout", "5", Library]);

        Assert.Equal(2, scan.ExitCode);
        Assert.Equal($"rayray: {config}:1:17: probe_timeout must be between 1 and 3600, not 0", Assert.Single(scan.StderrLines));
    }

    [Fact]
    public async Task A_config_file_that_is_named_but_missing_is_a_usage_error()
    {
        var missing = _folder["missing.toml"];

        var byOption = await RayrayProcess.RunAsync(["query", "kind:image", "--config", missing]);
        var byEnvironment = await RayrayProcess.RunAsync(["config"], Environment(("RAYRAY_CONFIG", missing)));

        Assert.Equal(2, byOption.ExitCode);
        Assert.Equal($"rayray: config file not found: {missing} (named by --config)", Assert.Single(byOption.StderrLines));
        Assert.Equal(2, byEnvironment.ExitCode);
        Assert.Equal($"rayray: config file not found: {missing} (named by RAYRAY_CONFIG)", Assert.Single(byEnvironment.StderrLines));
    }

    [Fact]
    public async Task A_scan_without_paths_and_without_roots_in_the_file_is_a_usage_error()
    {
        var scan = await RayrayProcess.RunAsync(["scan"]);

        Assert.Equal(2, scan.ExitCode);
        Assert.Contains("nothing to scan: name a folder, a file or a URL, give --files-from FILE, or list roots in the config file (", scan.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_root_from_the_file_that_does_not_exist_is_named_with_its_line()
    {
        var gone = _folder["gone"];
        var config = WriteConfig($"roots = [{Literal(gone)}]");

        var scan = await RayrayProcess.RunAsync(["scan", "--config", config]);

        Assert.Equal(2, scan.ExitCode);
        Assert.Equal($"rayray: no such file or folder: {gone} (roots in {config}:1)", Assert.Single(scan.StderrLines));
    }
}
