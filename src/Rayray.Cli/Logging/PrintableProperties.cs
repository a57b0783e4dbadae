using Rayray.Core.Common;
using Serilog.Core;
using Serilog.Events;

namespace Rayray.Cli.Logging;

/// <summary>
/// Rewrites text properties (file names above all) so a newline or a terminal escape in a name
/// cannot break or forge a log line, and a byte that is not UTF-8 shows as <c>\xE9</c>.
/// </summary>
internal sealed class PrintableProperties : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? replaced = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (value is ScalarValue { Value: string text } && PathBytes.Printable(text) is var printable && !ReferenceEquals(printable, text))
                (replaced ??= []).Add(new LogEventProperty(name, new ScalarValue(printable)));
        }
        foreach (var property in replaced ?? [])
            logEvent.AddOrUpdateProperty(property);
    }
}
