using System.CommandLine;
using Rayray.Cli.Configuration;
using Rayray.Cli.Logging;
using Serilog.Events;

namespace Rayray.Cli.Commands;

/// <summary>Options every command takes.</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Config { get; } = new("--config")
    {
        Description = "Read the settings from this TOML file (default: RAYRAY_CONFIG, else ~/.config/rayray/config.toml, if it exists)",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<string?> Database { get; } = new("--db")
    {
        Description = "Database: a SQLite file path, or a mongodb:// / mongodb+srv:// URI (default: RAYRAY_DB, else db in the config file, else the embedded file in the user's data folder)",
        HelpName = "PATH|URI",
        Recursive = true,
    };

    public Option<LogEventLevel?> LogLevel { get; } = new("--log-level")
    {
        Description = "trace, debug, info, warning or error (default: warning on stderr, info in --log-file)",
        HelpName = "LEVEL",
        Recursive = true,
        CustomParser = result => ParseLevel(result.Tokens.Single().Value, result),
    };

    public Option<string?> LogFile { get; } = new("--log-file")
    {
        Description = "Also write the log to this file (appended)",
        HelpName = "FILE",
        Recursive = true,
    };

    public Option<LogFormat> LogFormat { get; } = new("--log-format")
    {
        Description = "text or json (one JSON object a line, for machines)",
        HelpName = "FORMAT",
        Recursive = true,
        DefaultValueFactory = _ => Logging.LogFormat.Text,
    };

    public Option<bool> Quiet { get; } = new("--quiet", "-q")
    {
        Description = "No progress and no summary; only warnings and errors on stderr",
        Recursive = true,
    };

    public Option<bool> NoProgress { get; } = new("--no-progress")
    {
        Description = "No progress bar (the same as scan --progress none; the bar is only drawn when stderr is a terminal anyway)",
        Recursive = true,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(Database);
        command.Options.Add(LogLevel);
        command.Options.Add(LogFile);
        command.Options.Add(LogFormat);
        command.Options.Add(Quiet);
        command.Options.Add(NoProgress);
    }

    /// <summary>The settings among these options that the command line gives; a command adds its own.</summary>
    public CommandLineSettings CommandLine(ParseResult result) => new()
    {
        Database = result.GivenText(Database),
        LogLevel = result.GetValue(LogLevel),
        LogFile = result.GivenText(LogFile),
        LogFormat = result.GivenValue(LogFormat),
    };

    private static LogEventLevel? ParseLevel(string text, System.CommandLine.Parsing.ArgumentResult result)
    {
        if (LogLevels.TryParse(text, out var level))
            return level;
        result.AddError($"'{text}' is not a log level: use {LogLevels.Names}.");
        return null;
    }
}
