using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Rayray.Tests.Watching;

/// <summary>A logger that keeps its rendered lines, so a test can wait for what the code says it did.</summary>
internal sealed class LogLines : ILogEventSink
{
    private readonly List<string> _lines = [];

    public LogLines() => Logger = new LoggerConfiguration().MinimumLevel.Debug().WriteTo.Sink(this).CreateLogger();

    public Logger Logger { get; }

    public void Emit(LogEvent logEvent)
    {
        lock (_lines)
            _lines.Add($"{logEvent.Level}: {logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture)}");
    }

    public bool Any(string text)
    {
        lock (_lines)
            return _lines.Exists(line => line.Contains(text, StringComparison.Ordinal));
    }

    public override string ToString()
    {
        lock (_lines)
            return string.Join('\n', _lines);
    }
}
