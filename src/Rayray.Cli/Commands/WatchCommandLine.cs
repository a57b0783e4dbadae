using System.CommandLine;
using Rayray.Cli.Terminal;
using Rayray.Core.Scanning;
using Rayray.Core.Watching;

namespace Rayray.Cli.Commands;

/// <summary><c>scan --watch</c> and <c>--poll SECONDS</c>: keep the roots indexed after the scan, until Ctrl-C or SIGTERM.</summary>
internal sealed class WatchCommandLine
{
    private readonly Option<bool> _watch = new("--watch")
    {
        Description = "After the scan, keep watching the roots and index created, changed, moved and deleted files within seconds, until Ctrl-C or SIGTERM (exit 130)",
    };

    private readonly Option<int?> _poll = new("--poll")
    {
        Description = "After the scan, rescan the roots every SECONDS (only changed files are read), for network shares that send no change notifications; with --watch, as well as the notifications",
        HelpName = "SECONDS",
    };

    public WatchCommandLine() =>
        _poll.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is { } seconds && (seconds < 1 || seconds > 86_400))
                r.AddError($"--poll must be between 1 and 86400 seconds, not {seconds}.");
        });

    public void AddTo(Command command)
    {
        command.Options.Add(_watch);
        command.Options.Add(_poll);
    }

    /// <summary>The watch asked for, or null; a watch cannot be skipped by <c>--min-interval</c>.</summary>
    public WatchOptions? Resolve(ParseResult result, bool withMinInterval)
    {
        var notifications = result.GetValue(_watch);
        var poll = result.GetValue(_poll);
        if (!notifications && poll is null)
            return null;
        if (withMinInterval)
            throw new UsageException($"--min-interval cannot be combined with {(notifications ? "--watch" : "--poll")}: a watch is not skipped");
        return new WatchOptions
        {
            Notifications = notifications,
            PollEvery = poll is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
        };
    }

    /// <summary>
    /// When the scan is over and the watch begins: the scan's summary, then (on a terminal) one line
    /// saying what is watched. Returns at once when the scan ends without a watch.
    /// </summary>
    public static async Task AnnounceAsync(CommandContext context, ScanSession scan, Task running, string database, int roots)
    {
        await Task.WhenAny(running, scan.WatchStarted);
        if (!scan.WatchStarted.IsCompletedSuccessfully)
            return;
        var summary = await scan.WatchStarted;
        if (!context.Quiet)
            ScanSummaryPrinter.Print(context.Stderr, summary, database);
        if (context.Stderr.IsTerminal)
            context.Say($"Watching {roots} root{(roots == 1 ? "" : "s")} for changes; Ctrl-C stops.");
    }
}
