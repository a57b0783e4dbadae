using Rayray.Cli.Configuration;
using Rayray.Cli.Logging;
using Serilog.Events;

namespace Rayray.Cli.Tests;

/// <summary>The config file loader and the resolver, in process: what a file means, what it may not say, and how the layers stack.</summary>
public sealed class ConfigFileLoaderTests
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "rayray-config-loader");
    private static readonly string FilePath = Path.Combine(Folder, "config.toml");

    private static ConfigFile Parse(string text) => ConfigFileLoader.Parse(text, FilePath);

    private static ConfigFileException Fails(string text) => Assert.Throws<ConfigFileException>(() => Parse(text));

    private static object? Value(ConfigFile file, ConfigKey key) => file[key]?.Value;

    [Fact]
    public void Every_setting_is_read_with_its_line()
    {
        var file = Parse("""
            db = "mongodb://indexer@db1/photos"
            roots = ["/srv/photos", "/srv/video"]
            exclude = ["*.tmp", "Lightroom/**"]
            workers = 4
            ffprobe = "/usr/bin/ffprobe"
            probe_timeout = 60
            include_hidden = true
            follow_symlinks = false
            all_files = true
            perceptual_hash = false

            [log]
            level = "debug"
            file = "/var/log/rayray.log"
            format = "json"
            """);

        Assert.Equal("mongodb://indexer@db1/photos", Value(file, ConfigKeys.Db));
        Assert.Equal(new[] { Path.GetFullPath("/srv/photos"), Path.GetFullPath("/srv/video") }, (IEnumerable<string>)Value(file, ConfigKeys.Roots)!);
        Assert.Equal(new[] { "*.tmp", "Lightroom/**" }, (IEnumerable<string>)Value(file, ConfigKeys.Exclude)!);
        Assert.Equal(4, Value(file, ConfigKeys.Workers));
        Assert.Equal(60, Value(file, ConfigKeys.ProbeTimeout));
        Assert.Equal(true, Value(file, ConfigKeys.IncludeHidden));
        Assert.Equal(false, Value(file, ConfigKeys.FollowSymlinks));
        Assert.Equal(true, Value(file, ConfigKeys.AllFiles));
        Assert.Equal(false, Value(file, ConfigKeys.PerceptualHash));
        Assert.Equal("debug", Value(file, ConfigKeys.LogLevel));
        Assert.Equal("json", Value(file, ConfigKeys.LogFormat));
        Assert.Equal(13, file[ConfigKeys.LogLevel]!.Line);
        Assert.Equal(4, file[ConfigKeys.Workers]!.Line);
        Assert.Equal(ConfigKeys.All.Count, file.Entries.Count);
    }

    [Fact]
    public void A_log_table_may_also_be_written_as_dotted_keys_or_an_inline_table()
    {
        var dotted = Parse("log.level = 'info'\nlog.format = 'json'\n");
        var inline = Parse("log = { level = 'info', format = 'json' }\n");

        Assert.Equal(("info", "json"), (Value(dotted, ConfigKeys.LogLevel), Value(dotted, ConfigKeys.LogFormat)));
        Assert.Equal(("info", "json"), (Value(inline, ConfigKeys.LogLevel), Value(inline, ConfigKeys.LogFormat)));
    }

    [Fact]
    public void Paths_are_relative_to_the_files_folder_and_tilde_is_the_home_folder()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

        var file = Parse("db = 'data/rayray.db'\nroots = ['~/Pictures', '../shared']\n[log]\nfile = 'sqlite.log'\n");

        Assert.Equal(Path.Combine(Folder, "data", "rayray.db"), Value(file, ConfigKeys.Db));
        Assert.Equal(new[] { Path.Combine(home, "Pictures"), Path.GetFullPath(Path.Combine(Folder, "..", "shared")) }, (IEnumerable<string>)Value(file, ConfigKeys.Roots)!);
        Assert.Equal(Path.Combine(Folder, "sqlite.log"), Value(file, ConfigKeys.LogFile));
    }

    [Fact]
    public void An_empty_file_gives_no_settings()
    {
        Assert.Empty(Parse("# nothing yet\n").Entries);
    }

    [Theory]
    [InlineData("workers = 3\nworkers = = 4\n", 2, 11, "not valid TOML")]
    [InlineData("roots = ['/a'\n", 2, 1, "not valid TOML")]
    [InlineData("workers = 3\nworkers = 4\n", 2, 1, "not valid TOML: The key `workers` is already defined")]
    [InlineData("worker = 3\n", 1, 1, "unknown setting worker (did you mean workers?)")]
    [InlineData("level = 'info'\n", 1, 1, "unknown setting level (did you mean log.level?)")]
    [InlineData("colour = 'always'\n", 1, 1, "unknown setting colour")]
    [InlineData("\n[logs]\nlevel = 'info'\n", 2, 1, "unknown table [logs] (did you mean [log]?)")]
    [InlineData("[[roots]]\npath = '/a'\n", 1, 1, "unknown table [[roots]] (roots is a setting: write roots = … before any table)")]
    [InlineData("log = 'info'\n", 1, 7, "log is a table: write [log] and its settings (level, file, format) below it")]
    [InlineData("workers = \"four\"\n", 1, 11, "workers must be an integer from 1 to 256, not a string")]
    [InlineData("workers = 2.5\n", 1, 11, "workers must be an integer from 1 to 256, not a float")]
    [InlineData("workers = 0\n", 1, 11, "workers must be between 1 and 256, not 0")]
    [InlineData("probe_timeout = 7200\n", 1, 17, "probe_timeout must be between 1 and 3600, not 7200")]
    [InlineData("include_hidden = 'yes'\n", 1, 18, "include_hidden must be true or false, not a string")]
    [InlineData("roots = '/srv/photos'\n", 1, 9, "roots must be an array of strings such as [\"/srv/photos\"], not a string")]
    [InlineData("roots = ['/a', 3]\n", 1, 16, "roots must be an array of strings such as [\"/srv/photos\"]; this item is an integer")]
    [InlineData("db = ''\n", 1, 6, "db must not be empty (leave it out for the default)")]
    [InlineData("[log]\nlevel = 'loud'\n", 2, 9, "log.level must be one of \"trace\", \"debug\", \"info\", \"warning\", \"error\", not \"loud\"")]
    [InlineData("[log]\nformat = 'xml'\n", 2, 10, "log.format must be one of \"text\", \"json\", not \"xml\"")]
    public void A_bad_file_names_the_line_and_column(string text, int line, int column, string message)
    {
        var error = Fails(text);

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith($"{FilePath}:{line}:{column}: {message}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_default_file_is_no_file_and_a_missing_named_one_is_an_error()
    {
        var missing = Path.Combine(Folder, Guid.NewGuid().ToString("N"), "config.toml");

        Assert.Null(ConfigFileLoader.Load(new ConfigFileLocation(missing, null)));
        var error = Assert.Throws<ConfigFileException>(() => ConfigFileLoader.Load(new ConfigFileLocation(missing, "--config")));
        Assert.Equal($"config file not found: {missing} (named by --config)", error.Message);
    }

    [Fact]
    public void The_location_is_the_option_then_the_environment_then_the_xdg_default()
    {
        var environment = new Dictionary<string, string> { ["RAYRAY_CONFIG"] = "/etc/rayray.toml", ["XDG_CONFIG_HOME"] = "/home/u/.cfg" };

        Assert.Equal(new ConfigFileLocation(Path.GetFullPath("/tmp/x.toml"), "--config"), ConfigFileLocation.Find("/tmp/x.toml", environment.GetValueOrDefault));
        Assert.Equal(new ConfigFileLocation(Path.GetFullPath("/etc/rayray.toml"), "RAYRAY_CONFIG"), ConfigFileLocation.Find(null, environment.GetValueOrDefault));
        environment.Remove("RAYRAY_CONFIG");
        if (!OperatingSystem.IsWindows())
            Assert.Equal(new ConfigFileLocation("/home/u/.cfg/rayray/config.toml", null), ConfigFileLocation.Find(null, environment.GetValueOrDefault));
    }

    [Fact]
    public void Each_setting_takes_the_command_line_then_the_environment_then_the_file_then_the_default()
    {
        var file = Parse("db = '/a.db'\nworkers = 3\nroots = ['/r']\nexclude = ['*.tmp']\n[log]\nlevel = 'info'\nformat = 'json'\n");
        var environment = new Dictionary<string, string> { ["RAYRAY_DB"] = "/b.db" };

        var all = SettingsResolver.Resolve(file, new CommandLineSettings { Database = "/c.db", Exclude = ["*.bak"], LogLevel = LogEventLevel.Error }, environment.GetValueOrDefault);
        var noCommandLine = SettingsResolver.Resolve(file, new CommandLineSettings(), environment.GetValueOrDefault);
        var noEnvironment = SettingsResolver.Resolve(file, new CommandLineSettings(), _ => "");
        var nothing = SettingsResolver.Resolve(null, new CommandLineSettings(), _ => null);

        Assert.Equal(("/c.db", SettingSource.CommandLine), (all.Database.Value, all.Database.Source));
        Assert.Equal(("/b.db", "environment RAYRAY_DB"), (noCommandLine.Database.Value, noCommandLine.Database.Source.ToString()));
        Assert.Equal((Path.GetFullPath("/a.db"), $"file {FilePath}:1"), (noEnvironment.Database.Value, noEnvironment.Database.Source.ToString()));
        Assert.Equal(SettingSource.Default, nothing.Database.Source);
        Assert.Equal(["*.bak"], all.Exclude.Value);
        Assert.Equal(3, all.Workers.Value);
        Assert.Equal(LogEventLevel.Error, all.LogLevel.Value);
        Assert.Equal(LogEventLevel.Information, noCommandLine.LogLevel.Value);
        Assert.Equal(LogFormat.Json, noCommandLine.LogFormat.Value);
        Assert.Equal((Environment.ProcessorCount, SettingSource.Default), (nothing.Workers.Value, nothing.Workers.Source));
        Assert.Equal((30, false, (LogEventLevel?)null, LogFormat.Text), (nothing.ProbeTimeoutSeconds.Value, nothing.AllFiles.Value, nothing.LogLevel.Value, nothing.LogFormat.Value));
        Assert.Empty(nothing.Roots.Value);
    }
}
