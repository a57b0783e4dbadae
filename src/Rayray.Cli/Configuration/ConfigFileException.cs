namespace Rayray.Cli.Configuration;

/// <summary>
/// The config file cannot be used: missing (when named), unreadable, not TOML, or a setting that
/// is unknown, of the wrong type or out of range. Exit code 2, before anything else runs.
/// </summary>
internal sealed class ConfigFileException : Exception
{
    public ConfigFileException(string message)
        : base(message)
    {
    }

    /// <param name="line">1-based, as editors count.</param>
    /// <param name="column">1-based.</param>
    public ConfigFileException(string path, int line, int column, string message)
        : base($"{path}:{line}:{column}: {message}")
    {
        Line = line;
        Column = column;
    }

    public int? Line { get; }
    public int? Column { get; }
}
