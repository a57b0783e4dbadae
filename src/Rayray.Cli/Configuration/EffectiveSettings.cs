using Rayray.Cli.Logging;
using Serilog.Events;

namespace Rayray.Cli.Configuration;

/// <summary>What a command runs with: each setting's value after the command line, the environment, the config file and the defaults, and its source.</summary>
internal sealed record EffectiveSettings
{
    public required Setting<string> Database { get; init; }
    public required Setting<IReadOnlyList<string>> Roots { get; init; }
    public required Setting<IReadOnlyList<string>> Exclude { get; init; }
    public required Setting<int> Workers { get; init; }

    /// <summary>Null: ffprobe on the PATH.</summary>
    public required Setting<string?> Ffprobe { get; init; }

    public required Setting<int> ProbeTimeoutSeconds { get; init; }
    public required Setting<bool> IncludeHidden { get; init; }
    public required Setting<bool> FollowSymlinks { get; init; }
    public required Setting<bool> AllFiles { get; init; }

    /// <summary>Compute each image's perceptual hash (similar:, near-duplicates in stats).</summary>
    public required Setting<bool> PerceptualHash { get; init; }

    /// <summary>Null: warning on stderr, info in the log file.</summary>
    public required Setting<LogEventLevel?> LogLevel { get; init; }

    public required Setting<string?> LogFile { get; init; }
    public required Setting<LogFormat> LogFormat { get; init; }

    /// <summary>Every setting under its config file name, in <see cref="ConfigKeys.All"/>'s order: the value (a string, a list, an int, a bool or null) and its source.</summary>
    public IEnumerable<(ConfigKey Key, object? Value, SettingSource Source)> All()
    {
        yield return (ConfigKeys.Db, Database.Value, Database.Source);
        yield return (ConfigKeys.Roots, Roots.Value, Roots.Source);
        yield return (ConfigKeys.Exclude, Exclude.Value, Exclude.Source);
        yield return (ConfigKeys.Workers, Workers.Value, Workers.Source);
        yield return (ConfigKeys.Ffprobe, Ffprobe.Value, Ffprobe.Source);
        yield return (ConfigKeys.ProbeTimeout, ProbeTimeoutSeconds.Value, ProbeTimeoutSeconds.Source);
        yield return (ConfigKeys.IncludeHidden, IncludeHidden.Value, IncludeHidden.Source);
        yield return (ConfigKeys.FollowSymlinks, FollowSymlinks.Value, FollowSymlinks.Source);
        yield return (ConfigKeys.AllFiles, AllFiles.Value, AllFiles.Source);
        yield return (ConfigKeys.PerceptualHash, PerceptualHash.Value, PerceptualHash.Source);
        yield return (ConfigKeys.LogLevel, LogLevel.Value is { } level ? LogLevels.Name(level) : null, LogLevel.Source);
        yield return (ConfigKeys.LogFile, LogFile.Value, LogFile.Source);
        yield return (ConfigKeys.LogFormat, LogFormat.Value.ToString().ToLowerInvariant(), LogFormat.Source);
    }
}
