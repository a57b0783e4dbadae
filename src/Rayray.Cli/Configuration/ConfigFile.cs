namespace Rayray.Cli.Configuration;

/// <summary>
/// A setting as the file gives it: the value already checked and converted (a string, a list of
/// strings, an int or a bool; paths made absolute), and where it is written.
/// </summary>
internal sealed record ConfigEntry(ConfigKey Key, object Value, int Line, int Column);

/// <summary>A config file that was read and checked: the settings it gives, each with its line.</summary>
internal sealed class ConfigFile(string path, IReadOnlyList<ConfigEntry> entries)
{
    public string Path { get; } = path;

    public IReadOnlyList<ConfigEntry> Entries { get; } = entries;

    public ConfigEntry? this[ConfigKey key] => Entries.FirstOrDefault(e => e.Key == key);
}
