using System.CommandLine;
using Rayray.Cli.Terminal;

namespace Rayray.Cli.Commands;

/// <summary><c>scan --progress auto|bar|json|none</c>, and the older <c>--no-progress</c> (none).</summary>
internal static class ProgressOption
{
    public static Option<string?> Create()
    {
        var option = new Option<string?>("--progress")
        {
            Description = "auto (the bar when stderr is a terminal, else none), bar, json (one JSON object a line on stderr, for wrappers), or none",
            HelpName = "MODE",
        };
        option.AcceptOnlyFromAmong("auto", "bar", "json", "none");
        return option;
    }

    /// <summary>
    /// What to report. The bar is only ever drawn on a terminal; --quiet silences it unless it is
    /// asked for by name, and JSON lines are only written when asked for.
    /// </summary>
    public static ProgressMode Resolve(CommandContext context, Option<string?> option)
    {
        var asked = context.ParseResult.GetValue(option);
        if (context.NoProgress && asked is "bar" or "json")
            throw new UsageException($"--no-progress and --progress {asked} ask for opposite things");
        return asked switch
        {
            "json" => ProgressMode.Json,
            "none" => ProgressMode.None,
            "bar" => context.Stderr.IsTerminal ? ProgressMode.Bar : ProgressMode.None,
            _ => context.Stderr.IsTerminal && !context.Quiet && !context.NoProgress ? ProgressMode.Bar : ProgressMode.None,
        };
    }
}
