using System.Diagnostics;
using System.Threading.Channels;
using Rayray.Core.Common;
using Rayray.Core.Documents;
using Rayray.Core.Storage;
using Serilog;

namespace Rayray.Core.Writing;

/// <summary>
/// Collects documents into batches (by count or by time since the first one arrived) and writes
/// each batch in one transaction, retrying transient failures with backoff. It drains its input
/// to the end, so a stopped scan still commits what was already read.
/// </summary>
public sealed class BatchWriter(IMediaStore store, BatchOptions options, ILogger log)
{
    /// <summary>Called after each committed batch with the documents and what happened to each.</summary>
    public event Action<IReadOnlyList<MediaDocument>, BatchWriteResult>? BatchCommitted;

    /// <param name="abort">A stage failed for good: nothing more is written.</param>
    /// <param name="stop">A stop was asked for: the input still drains, each write gets <see cref="BatchOptions.StopGrace"/> to finish.</param>
    public async Task RunAsync(ChannelReader<MediaDocument> input, CancellationToken abort, CancellationToken stop = default)
    {
        using var grace = new StopGrace(options.StopGrace, stop);
        var batch = new List<MediaDocument>(options.Size);
        var batchNumber = 0;
        while (await input.WaitToReadAsync(abort))
        {
            if (!input.TryRead(out var first))
                continue;
            batch.Add(first);
            var deadline = Stopwatch.GetTimestamp() + (long)(options.MaxDelay.TotalSeconds * Stopwatch.Frequency);
            while (batch.Count < options.Size)
            {
                if (input.TryRead(out var next))
                {
                    batch.Add(next);
                    continue;
                }
                var remaining = TimeSpan.FromSeconds((deadline - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
                if (remaining <= TimeSpan.Zero || !await WaitForMoreAsync(input, remaining, abort))
                    break;
            }

            batchNumber++;
            var result = await WriteWithRetriesAsync(batch, batchNumber, abort, grace.Token);
            BatchCommitted?.Invoke(batch, result);
            batch = new List<MediaDocument>(options.Size);
        }
    }

    private static async Task<bool> WaitForMoreAsync(ChannelReader<MediaDocument> input, TimeSpan timeout, CancellationToken abort)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(abort);
        timer.CancelAfter(timeout);
        try
        {
            return await input.WaitToReadAsync(timer.Token);
        }
        catch (OperationCanceledException) when (!abort.IsCancellationRequested)
        {
            return true; // the time is up; the caller sees the deadline passed and flushes
        }
    }

    private async Task<BatchWriteResult> WriteWithRetriesAsync(List<MediaDocument> batch, int batchNumber, CancellationToken abort, CancellationToken afterStop)
    {
        var delay = options.FirstRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                // A batch in flight is finished even when the scan is being stopped, unless the database stalls past the grace.
                var result = await store.WriteBatchAsync(batch, options.Prune, afterStop);
                log.Debug("Committed batch {Batch}: {Count} documents in {Elapsed:0.0} ms",
                    batchNumber, batch.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return result;
            }
            catch (StoreException e) when (e.IsTransient && attempt <= options.MaxRetries && !afterStop.IsCancellationRequested)
            {
                log.Warning("Batch {Batch} of {Count} documents failed ({Reason:l}); retry {Attempt} of {Max} in {Delay} ms",
                    batchNumber, batch.Count, e.Message, attempt, options.MaxRetries, delay.TotalMilliseconds);
                await Task.Delay(delay, abort);
                delay *= 2;
            }
        }
    }
}
