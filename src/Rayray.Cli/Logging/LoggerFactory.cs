using Rayray.Cli.Terminal;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace Rayray.Cli.Logging;

/// <summary>
/// Builds the logger: stderr always (warnings and errors unless --log-level says otherwise),
/// a file when --log-file is given (information and up by default), text or JSON lines.
/// </summary>
internal static class LoggerFactory
{
    public static Serilog.Core.Logger Create(LogOptions options, StandardError stderr)
    {
        var consoleLevel = options.Level ?? LogEventLevel.Warning;
        var fileLevel = options.Level ?? LogEventLevel.Information;
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Is(options.File is null ? consoleLevel : (LogEventLevel)Math.Min((int)consoleLevel, (int)fileLevel))
            .Enrich.WithProperty("pid", Environment.ProcessId)
            .Enrich.With<PrintableProperties>()
            .WriteTo.Sink(new TerminalLogSink(stderr, options.Format == LogFormat.Json ? new JsonFormatter(renderMessage: true) : null), consoleLevel);

        if (options.File is not null)
        {
            if (options.Format == LogFormat.Json)
                configuration.WriteTo.File(new JsonFormatter(renderMessage: true), options.File, fileLevel, shared: true);
            else
                configuration.WriteTo.File(options.File, fileLevel,
                    outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] [{pid}] {Message:lj}{NewLine}{Exception}",
                    shared: true);
        }
        return configuration.CreateLogger();
    }
}
