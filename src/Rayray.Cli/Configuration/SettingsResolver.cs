using Rayray.Cli.Logging;
using Rayray.Storage.Sqlite;
using Serilog.Events;

namespace Rayray.Cli.Configuration;

/// <summary>
/// Layers the settings, each on its own: the command line over the environment over the config
/// file over the built-in default. A list from the command line replaces the file's; it does not extend it.
/// </summary>
internal static class SettingsResolver
{
    public const int DefaultProbeTimeoutSeconds = 30;

    /// <param name="file">Null when there is no config file.</param>
    /// <param name="environment">Reads an environment variable; an empty one counts as unset.</param>
    public static EffectiveSettings Resolve(ConfigFile? file, CommandLineSettings commandLine, Func<string, string?> environment)
    {
        var layers = new Layers(file, environment);
        return new EffectiveSettings
        {
            Database = layers.Pick(ConfigKeys.Db, commandLine.Database, SqliteDefaults.DatabasePath()),
            Roots = layers.Pick(ConfigKeys.Roots, commandLine.Roots, []),
            Exclude = layers.Pick(ConfigKeys.Exclude, commandLine.Exclude, []),
            Workers = layers.Pick(ConfigKeys.Workers, commandLine.Workers, Environment.ProcessorCount),
            Ffprobe = layers.PickOptional(ConfigKeys.Ffprobe, commandLine.Ffprobe),
            ProbeTimeoutSeconds = layers.Pick(ConfigKeys.ProbeTimeout, commandLine.ProbeTimeout, DefaultProbeTimeoutSeconds),
            IncludeHidden = layers.Pick(ConfigKeys.IncludeHidden, commandLine.IncludeHidden, false),
            FollowSymlinks = layers.Pick(ConfigKeys.FollowSymlinks, commandLine.FollowSymlinks, false),
            AllFiles = layers.Pick(ConfigKeys.AllFiles, commandLine.AllFiles, false),
            PerceptualHash = layers.Pick(ConfigKeys.PerceptualHash, commandLine.PerceptualHash, true),
            LogLevel = layers.Pick(ConfigKeys.LogLevel, commandLine.LogLevel, (LogEventLevel?)null,
                text => LogLevels.TryParse(text, out var level) ? level : null),
            LogFile = layers.PickOptional(ConfigKeys.LogFile, commandLine.LogFile),
            LogFormat = layers.Pick(ConfigKeys.LogFormat, commandLine.LogFormat, Logging.LogFormat.Text,
                text => Enum.Parse<LogFormat>(text, ignoreCase: true)),
        };
    }

    private sealed class Layers(ConfigFile? file, Func<string, string?> environment)
    {
        public Setting<T> Pick<T>(ConfigKey key, T? commandLine, T fallback) where T : class =>
            commandLine is not null ? new(commandLine, SettingSource.CommandLine) : Below(key, fallback, value => (T)value);

        public Setting<T> Pick<T>(ConfigKey key, T? commandLine, T fallback) where T : struct =>
            commandLine is { } given ? new(given, SettingSource.CommandLine) : Below(key, fallback, value => (T)value);

        /// <summary>For a setting whose default is to have none (null).</summary>
        public Setting<string?> PickOptional(ConfigKey key, string? commandLine) =>
            commandLine is not null ? new(commandLine, SettingSource.CommandLine) : Below(key, (string?)null, value => (string?)value);

        /// <summary>For a value the file gives as a word (log.level, log.format).</summary>
        public Setting<T> Pick<T>(ConfigKey key, T? commandLine, T fallback, Func<string, T> fromFile) where T : struct =>
            commandLine is { } given ? new(given, SettingSource.CommandLine) : Below(key, fallback, value => fromFile((string)value));

        public Setting<T?> Pick<T>(ConfigKey key, T? commandLine, T? fallback, Func<string, T?> fromFile) where T : struct =>
            commandLine is { } given ? new(given, SettingSource.CommandLine) : Below(key, fallback, value => fromFile((string)value));

        private Setting<T> Below<T>(ConfigKey key, T fallback, Func<object, T> fromFile)
        {
            // Only text settings (db, ffprobe) have an environment variable.
            if (key.EnvironmentVariable is { } variable && environment(variable) is { } text && !string.IsNullOrWhiteSpace(text))
                return new((T)(object)text, SettingSource.FromEnvironment(variable));
            if (file?[key] is { } entry)
                return new(fromFile(entry.Value), SettingSource.FromFile(file.Path, entry.Line));
            return new(fallback, SettingSource.Default);
        }
    }
}
