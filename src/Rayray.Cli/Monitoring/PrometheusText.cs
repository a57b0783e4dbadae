using System.Globalization;
using System.Text;

namespace Rayray.Cli.Monitoring;

/// <summary>
/// Writes the Prometheus text exposition format (version 0.0.4), as node_exporter's textfile
/// collector reads it: <c># HELP</c> and <c># TYPE</c> once a metric, then its samples.
/// </summary>
internal sealed class PrometheusText
{
    private readonly StringBuilder _text = new();

    public PrometheusText Metric(string name, string type, string help)
    {
        _text.Append("# HELP ").Append(name).Append(' ').Append(EscapeHelp(help)).Append('\n');
        _text.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        return this;
    }

    public PrometheusText Sample(string name, IEnumerable<(string Name, string Value)> labels, double value)
    {
        _text.Append(name);
        var pairs = labels.Select(l => $"{l.Name}=\"{EscapeLabel(l.Value)}\"").ToList();
        if (pairs.Count > 0)
            _text.Append('{').AppendJoin(',', pairs).Append('}');
        _text.Append(' ').Append(Number(value)).Append('\n');
        return this;
    }

    public override string ToString() => _text.ToString();

    /// <summary>In a label value a backslash, a double quote and a line feed are escaped.</summary>
    public static string EscapeLabel(string value) =>
        value.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    /// <summary>In help text a backslash and a line feed are escaped.</summary>
    public static string EscapeHelp(string text) =>
        text.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    private static string Number(double value) =>
        double.IsNaN(value) ? "NaN"
        : double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// The value of the first sample of <paramref name="name"/> in exposition text, or null: how
    /// the last file remembers what a failed scan must not change.
    /// </summary>
    public static double? ReadValue(string text, string name)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#' || !line.StartsWith(name, StringComparison.Ordinal))
                continue;
            var rest = line[name.Length..];
            if (rest.StartsWith('{'))
            {
                var close = EndOfLabels(rest);
                if (close < 0)
                    continue;
                rest = rest[(close + 1)..];
            }
            else if (!rest.StartsWith(' '))
            {
                continue; // another metric whose name starts with this one
            }
            var value = rest.Trim().Split(' ')[0];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                return number;
        }
        return null;
    }

    /// <summary>The index of the '}' that closes the label set, skipping quoted values and their escapes.</summary>
    private static int EndOfLabels(string text)
    {
        var quoted = false;
        for (var i = 1; i < text.Length; i++)
        {
            if (quoted && text[i] == '\\')
                i++;
            else if (text[i] == '"')
                quoted = !quoted;
            else if (!quoted && text[i] == '}')
                return i;
        }
        return -1;
    }
}
