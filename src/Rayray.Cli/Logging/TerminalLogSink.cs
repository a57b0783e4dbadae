using Rayray.Cli.Terminal;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace Rayray.Cli.Logging;

/// <summary>Writes log events to stderr through <see cref="StandardError"/>, so they never tear the progress line.</summary>
internal sealed class TerminalLogSink(StandardError stderr, ITextFormatter? jsonFormatter) : ILogEventSink
{
    public void Emit(LogEvent logEvent)
    {
        using var text = new StringWriter();
        if (jsonFormatter is not null)
        {
            jsonFormatter.Format(logEvent, text);
            stderr.WriteLine(text.ToString().TrimEnd('\n', '\r'));
            return;
        }

        var (word, color) = logEvent.Level switch
        {
            LogEventLevel.Fatal => ("fatal", "1;31"),
            LogEventLevel.Error => ("error", "1;31"),
            LogEventLevel.Warning => ("warning", "33"),
            LogEventLevel.Information => ("info", "36"),
            LogEventLevel.Debug => ("debug", "2"),
            _ => ("trace", "2"),
        };
        text.Write(stderr.Colorize(word + ":", color));
        text.Write(' ');
        logEvent.RenderMessage(text);
        if (logEvent.Exception is not null && logEvent.Level >= LogEventLevel.Error)
            text.Write($" ({logEvent.Exception.GetType().Name}: {logEvent.Exception.Message})");
        stderr.WriteLine(text.ToString());
    }
}
