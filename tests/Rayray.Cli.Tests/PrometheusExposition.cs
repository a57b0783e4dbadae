using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Rayray.Cli.Tests;

/// <summary>
/// A strict reader of the Prometheus text exposition format: every metric has one HELP and one
/// TYPE line before its samples, its samples are together, names and label names are valid, label
/// values use only the three escapes, and every value is a number. Anything else throws.
/// </summary>
internal sealed partial class PrometheusExposition
{
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public Dictionary<string, string> Help { get; } = [];
    public Dictionary<string, string> Type { get; } = [];
    public List<Sample> Samples { get; } = [];

    [GeneratedRegex("^[a-zA-Z_:][a-zA-Z0-9_:]*$")]
    private static partial Regex MetricName();

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();

    public static PrometheusExposition Parse(string text)
    {
        if (!text.EndsWith('\n'))
            throw new FormatException("the text must end with a line feed");
        var exposition = new PrometheusExposition();
        var finished = new HashSet<string>();
        string? current = null;
        foreach (var line in text[..^1].Split('\n'))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal) || line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var rest = line[7..];
                var space = rest.IndexOf(' ', StringComparison.Ordinal);
                var name = space < 0 ? throw new FormatException($"no text: {line}") : rest[..space];
                Require(MetricName().IsMatch(name), $"bad metric name: {line}");
                var target = line[2] == 'H' ? exposition.Help : exposition.Type;
                Require(target.TryAdd(name, line[2] == 'H' ? UnescapeHelp(rest[(space + 1)..]) : rest[(space + 1)..]), $"repeated: {line}");
                Require(!exposition.Samples.Any(s => s.Name == name), $"{line[2..6]} after the samples of {name}");
                if (line[2] == 'T')
                    Require(rest[(space + 1)..] is "counter" or "gauge" or "histogram" or "summary" or "untyped", $"bad type: {line}");
                continue;
            }
            Require(line.Length > 0 && line[0] != '#', $"unexpected line: '{line}'");
            var sample = ParseSample(line);
            Require(exposition.Help.ContainsKey(sample.Name) && exposition.Type.ContainsKey(sample.Name), $"no HELP and TYPE before {line}");
            if (sample.Name != current)
            {
                Require(current is null || finished.Add(current), "");
                Require(!finished.Contains(sample.Name), $"the samples of {sample.Name} are not together");
                current = sample.Name;
            }
            exposition.Samples.Add(sample);
        }
        return exposition;
    }

    private static Sample ParseSample(string line)
    {
        var at = 0;
        while (at < line.Length && line[at] is not ('{' or ' '))
            at++;
        var name = line[..at];
        Require(MetricName().IsMatch(name), $"bad metric name: {line}");
        var labels = new Dictionary<string, string>();
        if (at < line.Length && line[at] == '{')
        {
            at++;
            while (line[at] != '}')
            {
                var equals = line.IndexOf('=', at);
                var label = line[at..equals];
                Require(LabelName().IsMatch(label), $"bad label name '{label}': {line}");
                Require(line[equals + 1] == '"', $"unquoted label value: {line}");
                var value = new StringBuilder();
                at = equals + 2;
                while (line[at] != '"')
                {
                    if (line[at] == '\\')
                    {
                        at++;
                        value.Append(line[at] switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            _ => throw new FormatException($"bad escape \\{line[at]}: {line}"),
                        });
                    }
                    else
                    {
                        value.Append(line[at]);
                    }
                    at++;
                }
                Require(labels.TryAdd(label, value.ToString()), $"repeated label: {line}");
                at++;
                if (line[at] == ',')
                    at++;
            }
            at++;
        }
        Require(at < line.Length && line[at] == ' ', $"no value: {line}");
        var parts = line[(at + 1)..].Split(' ');
        Require(parts.Length is 1 or 2, $"extra text: {line}");
        var number = parts[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var text => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
        };
        return new Sample(name, labels, number);
    }

    private static string UnescapeHelp(string text)
    {
        var result = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                result.Append(text[i]);
                continue;
            }
            i++;
            result.Append(text[i] switch { '\\' => '\\', 'n' => '\n', _ => throw new FormatException($"bad escape in HELP: {text}") });
        }
        return result.ToString();
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
            throw new FormatException(message);
    }

    public double Value(string name, string? outcome = null) =>
        Samples.Single(s => s.Name == name && (outcome is null || s.Labels["outcome"] == outcome)).Value;
}
