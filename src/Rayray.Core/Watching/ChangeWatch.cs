using Rayray.Core.Documents;
using Rayray.Core.Scanning;
using Rayray.Core.Storage;
using Rayray.Core.Walking;
using Serilog;

namespace Rayray.Core.Watching;

/// <summary>
/// Keeps the roots indexed after a scan (<c>scan --watch</c>, <c>--poll</c>): change notifications
/// and polls mark what changed (<see cref="PendingChanges"/>), and once a root is quiet its changed
/// folders are scanned again by a <see cref="ScanPipeline"/> limited to them (<see cref="WalkScope"/>)
/// — the same walker, readers, normalizer, batch writer and missing-file sweep as every scan, so a
/// moved file becomes a new location of its document and a deleted one is released exactly as a
/// rescan would. Runs until <c>stop</c>; every batch already read is committed.
/// </summary>
public sealed class ChangeWatch(IMediaStore store, ScanOptions options, WatchOptions watch, ILogger log) : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);

    private readonly IReadOnlyList<string> _roots = MediaWalker.NormalizeRoots(options.Walk.Roots);
    private readonly PendingChanges _pending = new(watch.Quiet, watch.MaxDelay, watch.MaxPendingFolders);
    private WatchedRoots? _watched;

    /// <summary>Starts taking notifications; called before the scan, so that nothing changed while it runs is missed.</summary>
    public void Listen() => _watched ??= new WatchedRoots(_roots, _pending, watch.Notifications, log);

    /// <param name="initial">The scan the watch follows; its counts start the session's.</param>
    /// <param name="changesCommitted">Told the session's counts after each batch of changes that wrote something.</param>
    public async Task<ScanSummary> RunAsync(ScanSummary initial, Func<ScanSummary, Task> changesCommitted, CancellationToken stop)
    {
        Listen();
        var watched = _watched!;
        var totals = new WatchTotals(initial);
        log.Information("Watching for changes{Poll:l}: {Roots}",
            watch.PollEvery is { } every ? $" (and rescanning them every {Common.DurationText.Format(every)})" : "", _roots);

        var nextCheck = DateTime.UtcNow + watch.RootCheckEvery;
        var nextPoll = DateTime.UtcNow + (watch.PollEvery ?? TimeSpan.Zero);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(Tick, stop);
                var now = DateTime.UtcNow;
                if (now >= nextCheck)
                {
                    watched.Check();
                    nextCheck = now + watch.RootCheckEvery;
                }
                if (watch.PollEvery is { } poll && now >= nextPoll)
                {
                    foreach (var root in watched.Present)
                        _pending.WholeNow(root);
                    nextPoll = now + poll;
                }

                var due = _pending.TakeDue(now).Where(d => watched.IsPresent(d.Root)).ToList();
                if (due.Count == 0)
                    continue;
                var changes = await ScanAsync(due, stop);
                totals.Add(changes);
                if (WatchTotals.Wrote(changes))
                {
                    log.Information("Changes indexed in {Elapsed:l}: {New} new, {Changed} changed, {Moved} moved, {Copied} copied, {Missing} gone, {Invalid} invalid",
                        Common.DurationText.Format(changes.Elapsed), changes.New, changes.Changed, changes.Moved, changes.Copied, changes.Missing, changes.Invalid);
                    await changesCommitted(totals.Summary);
                }
                if (changes.Interrupted)
                    break;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        return totals.Summary with { Interrupted = true };
    }

    /// <summary>One scan of what changed under the due roots: whole roots walked whole, the others only in their changed folders.</summary>
    private async Task<ScanSummary> ScanAsync(IReadOnlyList<DueChanges> due, CancellationToken stop)
    {
        var scope = new WalkScope(
            due.SelectMany(d => d.Folders),
            due.SelectMany(d => d.Whole ? [d.Root] : d.Trees));
        // --force and --verify were for the first scan: changes are read like any rescan reads them.
        var walk = options.Walk with { Roots = [.. due.Select(d => d.Root)], Scope = scope, Force = false, Verify = false };
        var pipeline = new ScanPipeline(store, options with { Walk = walk }, log);
        pipeline.Written += LogWritten;
        pipeline.Gone += paths =>
        {
            foreach (var path in paths)
                log.Information("Gone: {Path:l}", path);
        };
        log.Debug("Reading changes under {Roots}: {Folders} folders, {Trees} trees, {Whole} whole roots",
            walk.Roots, scope.Folders.Count, scope.Trees.Count, due.Count(d => d.Whole));
        return await pipeline.RunAsync(stop);
    }

    public void Dispose() => _watched?.Dispose();

    private void LogWritten(MediaDocument document, WriteKind kind)
    {
        var what = kind switch
        {
            WriteKind.New => "new",
            WriteKind.Changed => "changed",
            WriteKind.Relocated => "moved or copied: its content was already indexed",
            _ => "read again, same content",
        };
        log.Information("Indexed {Path:l} ({What:l}{Invalid:l})", document.Locations[0].Path, what,
            document.Status == DocumentStatus.Invalid ? ", invalid" : "");
    }
}
