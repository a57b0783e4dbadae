using Spectre.Console;

namespace Rayray.Cli.Terminal;

/// <summary>
/// The Spectre.Console console a command draws on its stdout through: ANSI only on a terminal, no
/// colour when NO_COLOR is set; as wide as the terminal, and in a pipe or file wide enough that no
/// cell is ever wrapped or cut.
/// </summary>
internal static class StandardOutputConsole
{
    /// <param name="stdout">A writer of the process's stdout (Console.Out, or a buffered stream over it).</param>
    public static IAnsiConsole Create(TextWriter stdout)
    {
        var isTerminal = !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = isTerminal && Environment.GetEnvironmentVariable("TERM") is not "dumb" ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            // The default enrichers turn ANSI on under CI services, whatever stdout is.
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
            Out = new AnsiConsoleOutput(stdout),
        });
        console.Profile.Width = isTerminal ? TerminalWidth() : int.MaxValue;
        return console;
    }

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
