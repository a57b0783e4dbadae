using Serilog.Events;

namespace Rayray.Cli.Logging;

/// <summary>The words for log levels, the same on the command line (--log-level) and in the config file (log.level).</summary>
internal static class LogLevels
{
    public const string Names = "trace, debug, info, warning or error";

    public static bool TryParse(string text, out LogEventLevel level)
    {
        LogEventLevel? parsed = text.ToLowerInvariant() switch
        {
            "trace" or "verbose" => LogEventLevel.Verbose,
            "debug" => LogEventLevel.Debug,
            "info" or "information" => LogEventLevel.Information,
            "warning" or "warn" => LogEventLevel.Warning,
            "error" => LogEventLevel.Error,
            _ => null,
        };
        level = parsed ?? default;
        return parsed is not null;
    }

    public static string Name(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => "trace",
        LogEventLevel.Debug => "debug",
        LogEventLevel.Information => "info",
        LogEventLevel.Warning => "warning",
        _ => "error",
    };
}
