using Rayray.Core.Scanning;
using Rayray.Core.Walking;

namespace Rayray.Cli.Terminal;

/// <summary>How <c>scan --progress</c> reports.</summary>
internal enum ProgressMode
{
    None,
    Bar,
    Json,
}

/// <summary>
/// The progress reports of one scan (the bar or JSON lines) with the counting pass that finds the
/// totals they go by; disposing ends both, clearing the bar or saying "done".
/// </summary>
internal sealed class ScanProgressReport : IAsyncDisposable
{
    private readonly CancellationTokenSource _counting;
    private readonly Task _counter;
    private readonly IAsyncDisposable _display;

    private ScanProgressReport(ProgressMode mode, StandardError stderr, ScanProgress progress, WalkOptions walk, CancellationToken stop)
    {
        _counting = CancellationTokenSource.CreateLinkedTokenSource(stop);
        var token = _counting.Token;
        _counter = Task.Run(() =>
        {
            var (files, bytes) = MediaWalker.Count(walk, token);
            progress.SetTotals(files, bytes);
        }, token);
        _display = mode == ProgressMode.Json ? new ScanProgressJson(stderr, progress) : new ScanProgressDisplay(stderr, progress);
    }

    /// <summary>Starts reporting, or returns null for <see cref="ProgressMode.None"/>.</summary>
    public static ScanProgressReport? Start(ProgressMode mode, StandardError stderr, ScanProgress progress, WalkOptions walk, CancellationToken stop) =>
        mode == ProgressMode.None ? null : new ScanProgressReport(mode, stderr, progress, walk, stop);

    public async ValueTask DisposeAsync()
    {
        await _display.DisposeAsync();
        await _counting.CancelAsync();
        await _counter.ContinueWith(_ => { }, TaskScheduler.Default);
        _counting.Dispose();
    }
}
