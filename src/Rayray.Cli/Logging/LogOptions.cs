using Serilog.Events;

namespace Rayray.Cli.Logging;

public enum LogFormat
{
    Text,
    Json,
}

public sealed record LogOptions(LogEventLevel? Level, string? File, LogFormat Format, bool Quiet);
