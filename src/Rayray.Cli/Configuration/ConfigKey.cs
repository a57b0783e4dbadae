namespace Rayray.Cli.Configuration;

/// <summary>What a setting's value must be in the file.</summary>
internal enum ConfigValueType
{
    /// <summary>A SQLite file path (relative to the config file's folder) or a mongodb:// URI.</summary>
    Database,

    /// <summary>A file path, relative to the config file's folder; <c>~</c> is the home folder.</summary>
    Path,

    /// <summary>An array of paths, each as <see cref="Path"/>.</summary>
    PathList,

    /// <summary>An array of globs, used as written.</summary>
    GlobList,

    /// <summary>An integer between <see cref="ConfigKey.Min"/> and <see cref="ConfigKey.Max"/>.</summary>
    Integer,

    Boolean,

    /// <summary>One of <see cref="ConfigKey.Choices"/>.</summary>
    Choice,
}

/// <summary>One setting the config file may hold: its TOML name (<c>log.level</c> for <c>level</c> in <c>[log]</c>), its type, and the environment variable that overrides it.</summary>
internal sealed record ConfigKey(string Name, ConfigValueType Type)
{
    public string? EnvironmentVariable { get; init; }
    public int Min { get; init; }
    public int Max { get; init; }
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>"an integer from 1 to 256", "a boolean", …: what the value must be, for messages.</summary>
    public string Expected => Type switch
    {
        ConfigValueType.Database => "a string (a file path or a mongodb:// URI)",
        ConfigValueType.Path => "a string (a file path)",
        ConfigValueType.PathList => "an array of strings such as [\"/srv/photos\"]",
        ConfigValueType.GlobList => "an array of strings such as [\"*.tmp\"]",
        ConfigValueType.Integer => $"an integer from {Min} to {Max}",
        ConfigValueType.Boolean => "true or false",
        _ => $"one of \"{string.Join("\", \"", Choices)}\"",
    };
}
