using System.CommandLine;

namespace Rayray.Cli.Commands;

/// <summary>The --format option of the read commands: a table for people on a terminal, JSON lines for pipes.</summary>
internal static class OutputFormat
{
    public static Option<string?> Option(params string[] formats)
    {
        var option = new Option<string?>("--format")
        {
            Description = $"{string.Join(", ", formats)} (default: table on a terminal, ndjson in a pipe)",
            HelpName = "FORMAT",
        };
        option.AcceptOnlyFromAmong(formats);
        return option;
    }

    public static string Resolve(ParseResult result, Option<string?> option) =>
        result.GetValue(option) ?? (Console.IsOutputRedirected ? "ndjson" : "table");
}
