using Rayray.Core.Common;
using Rayray.Core.Storage;
using Rayray.Core.Walking;
using Serilog;

namespace Rayray.Core.Scanning;

/// <summary>How a scan should wait and when it may be skipped.</summary>
public sealed record SessionOptions
{
    /// <summary>Skip the scan when the last completed scan of the same roots ended less than this ago.</summary>
    public TimeSpan? MinInterval { get; init; }

    /// <summary>Wait this long for another scan's lock (Timeout.InfiniteTimeSpan: as long as it takes); null: do not wait.</summary>
    public TimeSpan? WaitForLock { get; init; }

    public TimeSpan LockPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>After the scan, keep the roots indexed until stopped (<c>--watch</c>, <c>--poll</c>); null: end with the scan.</summary>
    public Watching.WatchOptions? Watch { get; init; }
}

public enum SessionOutcome
{
    Scanned,
    SkippedRecent,
    Locked,
}

public sealed record SessionResult(SessionOutcome Outcome, ScanSummary? Summary = null, ScanRun? Run = null, ScanLockResult? Lock = null, ScanRun? LastRun = null);

/// <summary>
/// A scan as cron runs it: skipped when a recent one suffices (--min-interval), one at a time per
/// database and root (the lock, a lease renewed while the scan runs, taken over from a dead
/// scanner), and recorded in the scan history however it ends.
/// </summary>
public sealed class ScanSession(IMediaStore store, ScanOptions options, ILogger log)
{
    private readonly ScanPipeline _pipeline = new(store, options, log);

    private readonly TaskCompletionSource<ScanSummary> _watchStarted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ScanProgress Progress => _pipeline.Progress;

    /// <summary>Completes with the scan's summary when the scan is over and watching begins (never without a watch).</summary>
    public Task<ScanSummary> WatchStarted => _watchStarted.Task;

    public async Task<SessionResult> RunAsync(SessionOptions session, CancellationToken stop)
    {
        var roots = ScanScope.Recorded(options.Walk);
        // Once a stop is asked for, the run's records get a moment, not for ever (a stalled server).
        using var grace = new StopGrace(StopGrace.Default * 2, stop);
        if (session.MinInterval is { } interval)
        {
            var last = await store.GetLastCompletedRunAsync(roots, grace.Token);
            if (last?.EndedUtc is { } ended && DateTime.UtcNow - ended < interval)
            {
                log.Information("The last complete scan of these roots ended {Ago} ago, less than {Interval}: nothing to do",
                    DurationText.Format(DateTime.UtcNow - ended), DurationText.Format(interval));
                return new SessionResult(SessionOutcome.SkippedRecent, LastRun: last);
            }
        }

        var run = await store.StartRunAsync(new ScanRun
        {
            Roots = roots,
            StartedUtc = DateTime.UtcNow,
            Host = Environment.MachineName,
            ProcessId = Environment.ProcessId,
        }, grace.Token);

        var locked = await LockAsync(ScanScope.Locked(options.Walk), run, session, stop, grace.Token);
        if (!locked.Acquired)
        {
            var why = stop.IsCancellationRequested
                ? "stopped while waiting for another scan's lock"
                : $"another scan holds the lock on {locked.HeldRoot}: {locked.HeldBy}";
            await store.FinishRunAsync(run with { Status = stop.IsCancellationRequested ? ScanRunStatus.Interrupted : ScanRunStatus.Failed, EndedUtc = DateTime.UtcNow, Error = why }, grace.Token);
            return new SessionResult(SessionOutcome.Locked, Run: run, Lock: locked);
        }

        using var heartbeatStop = new CancellationTokenSource();
        var heartbeat = RenewAsync(run.Id, heartbeatStop.Token);
        var storeFailed = false;
        ScanSummary? watched = null;
        using var watch = session.Watch is null ? null : new Watching.ChangeWatch(store, options, session.Watch, log);
        try
        {
            // Notifications are taken from before the scan: a file changed while it runs is read after it.
            watch?.Listen();
            var summary = await _pipeline.RunAsync(stop);
            if (watch is not null && !summary.Interrupted)
            {
                // One run for the whole session: it stays "running" with its counts kept current.
                _watchStarted.TrySetResult(summary);
                summary = await watch.RunAsync(summary, totals => RecordProgressAsync(Counts(run, watched = totals), grace.Token), stop);
            }
            var finished = Counts(run, summary) with
            {
                Status = summary.Interrupted ? ScanRunStatus.Interrupted : ScanRunStatus.Completed,
                EndedUtc = DateTime.UtcNow,
                Error = summary.Interrupted ? "stopped by a signal (Ctrl-C or SIGTERM); every batch read was committed" : null,
            };
            await store.FinishRunAsync(finished, grace.Token);
            return new SessionResult(SessionOutcome.Scanned, summary, finished);
        }
        catch (Exception e)
        {
            var failure = e as StoreException ?? e.InnerException as StoreException;
            storeFailed = failure is not null;
            // A store that gave up waiting because of the stop (a database locked by another process)
            // ends an interrupted run, not a failed one.
            var stopped = stop.IsCancellationRequested && failure is { WasStopped: true };
            try
            {
                await store.FinishRunAsync(Counts(run, watched) with
                {
                    Status = stopped ? ScanRunStatus.Interrupted : ScanRunStatus.Failed,
                    EndedUtc = DateTime.UtcNow,
                    Error = failure?.Message ?? e.Message,
                }, grace.Token);
            }
            catch (StoreException)
            {
                // The store itself failed; the next scan records this run as interrupted when it takes the lock over.
            }
            throw;
        }
        finally
        {
            await heartbeatStop.CancelAsync();
            await heartbeat;
            try
            {
                await store.ReleaseLockAsync(run.Id, grace.Token);
            }
            catch (StoreException e)
            {
                // After a store failure the user already has its message; this one would only repeat it.
                if (storeFailed)
                    log.Debug("Could not release the scan lock ({Reason:l}); the next scan takes it over", e.Message);
                else
                    log.Warning("Could not release the scan lock ({Reason:l}); the next scan takes it over", e.Message);
            }
        }
    }

    private async Task RecordProgressAsync(ScanRun run, CancellationToken cancellationToken)
    {
        try
        {
            await store.FinishRunAsync(run with { Status = ScanRunStatus.Running, EndedUtc = null }, cancellationToken);
        }
        catch (StoreException e)
        {
            log.Warning("Could not record the watch's counts in the scan history: {Reason:l}", e.Message);
        }
    }

    private ScanRun Counts(ScanRun run, ScanSummary? summary) => run with
    {
        Seen = summary?.Seen ?? Progress.FilesDone,
        New = summary?.New ?? Progress.New,
        Changed = summary?.Changed ?? Progress.Changed,
        Moved = summary?.Moved ?? 0,
        Copied = summary?.Copied ?? Progress.Relocated,
        Missing = summary?.Missing ?? 0,
        Invalid = summary?.Invalid ?? Progress.Invalid,
        BytesRead = summary?.BytesRead ?? Progress.BytesRead,
    };

    private async Task<ScanLockResult> LockAsync(IReadOnlyList<string> roots, ScanRun run, SessionOptions session, CancellationToken stop, CancellationToken afterStop)
    {
        var holder = new ScanLockHolder(run.Host ?? Environment.MachineName, Environment.ProcessId, run.StartedUtc, run.Id);
        var waitUntil = session.WaitForLock switch
        {
            null => DateTime.UtcNow,
            { } wait when wait == Timeout.InfiniteTimeSpan => DateTime.MaxValue,
            { } wait => DateTime.UtcNow + wait,
        };
        var announced = false;
        while (true)
        {
            var result = await store.TryLockAsync(roots, holder, afterStop);
            if (result.Acquired || stop.IsCancellationRequested || DateTime.UtcNow >= waitUntil)
                return result;
            if (!announced)
            {
                log.Information("Waiting for the scan lock on {Root:l}, held by {Holder:l}", result.HeldRoot, result.HeldBy?.ToString());
                announced = true;
            }
            try
            {
                await Task.Delay(session.LockPollInterval, stop);
            }
            catch (OperationCanceledException)
            {
                return result;
            }
        }
    }

    private async Task RenewAsync(long runId, CancellationToken done)
    {
        try
        {
            while (true)
            {
                await Task.Delay(ScanLockRules.RenewEvery, done);
                try
                {
                    await store.RenewLockAsync(runId, done);
                }
                catch (StoreException e)
                {
                    log.Warning("Could not renew the scan lock: {Reason:l}", e.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
