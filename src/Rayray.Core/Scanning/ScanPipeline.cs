using System.Diagnostics;
using System.Threading.Channels;
using Rayray.Core.Documents;
using Rayray.Core.Extraction;
using Rayray.Core.Extraction.Probing;
using Rayray.Core.Normalization;
using Rayray.Core.Storage;
using Rayray.Core.Walking;
using Rayray.Core.Writing;
using Serilog;

namespace Rayray.Core.Scanning;

/// <summary>
/// Runs a scan: walker → extractor workers → normalizer → batch writer → store, joined by
/// bounded channels so memory stays flat and a slow database slows the readers down.
/// Stopping (Ctrl-C) ends the walk and the reads; what was already read is still written.
/// </summary>
public sealed class ScanPipeline(IMediaStore store, ScanOptions options, ILogger log)
{
    public ScanProgress Progress { get; } = new();

    /// <summary>A document was committed at its path (<c>scan --watch</c> logs each change).</summary>
    public event Action<MediaDocument, WriteKind>? Written;

    /// <summary>Paths whose files are gone were removed from the store.</summary>
    public event Action<IReadOnlyList<string>>? Gone;

    private readonly Normalization.NormalizationContext _normalization =
        new(() => Places.Gazetteer.Shared, options.Geotag);

    /// <param name="stop">Asks for a graceful stop: no new files are read; documents in flight are committed.</param>
    public async Task<ScanSummary> RunAsync(CancellationToken stop)
    {
        var startedUtc = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var problems = new ProblemLog();
        var workers = Math.Max(1, options.Workers);
        // One ffprobe binary for the scan (with its link folder, when it needs one), removed when the scan ends.
        using var ffprobe = options.Extraction.FfprobePath is { } path ? FfprobeBinary.Prepare(path) : null;
        var probe = ffprobe is null ? null : new FfprobeRunner(ffprobe, options.Extraction.ProbeTimeout);
        using var web = options.Walk.Urls.Count > 0 ? new Web.WebFetcher(options.Extraction.Web) : null;

        // abort: a stage failed for good (the store is gone); everything stops, nothing more is written.
        using var abortSource = new CancellationTokenSource();
        var abort = abortSource.Token;
        using var producersSource = CancellationTokenSource.CreateLinkedTokenSource(stop, abort);
        var producers = producersSource.Token;

        var walked = Channel.CreateBounded<WalkedFile>(new BoundedChannelOptions(workers * 8) { SingleWriter = true });
        var extracted = Channel.CreateBounded<ExtractedFile>(new BoundedChannelOptions(workers * 16));
        var documents = Channel.CreateBounded<MediaDocument>(new BoundedChannelOptions(options.Batch.Size * 2) { SingleReader = true });

        var record = new WalkRecord();
        var relocated = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var walkCompleted = false;
        var walker = new MediaWalker(options.Walk, store.GetKnownLocationsAsync, new WalkReporter(Progress, problems, record, log));
        var writer = new BatchWriter(store, options.Batch with { Prune = options.Prune }, log);
        writer.BatchCommitted += (batch, result) => Account(batch, result, problems, relocated);

        var tasks = new List<Task>
        {
            RunStage("walker", async () =>
            {
                try
                {
                    await walker.WalkAsync(walked.Writer, producers);
                    walkCompleted = !producers.IsCancellationRequested;
                }
                catch (OperationCanceledException) when (producers.IsCancellationRequested)
                {
                }
                finally
                {
                    Progress.SetPhase(ScanPhase.Reading);
                }
            }, e => walked.Writer.TryComplete(e), abortSource),
        };

        var extractors = Enumerable.Range(0, workers)
            .Select(n => Task.Factory.StartNew(
                () => ExtractLoop(walked.Reader, extracted.Writer, probe, web, problems, producers, abort),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        tasks.Add(RunStage("extractors", async () =>
        {
            try
            {
                await Task.WhenAll(extractors);
            }
            finally
            {
                Progress.SetPhase(ScanPhase.Writing);
            }
        }, e => extracted.Writer.TryComplete(e), abortSource));
        // Normalizing is CPU work of its own (metadataRaw above all): as many normalizers as readers.
        var normalizers = Enumerable.Range(0, workers).Select(_ => Task.Run(() => NormalizeAsync(extracted.Reader, documents.Writer, abort))).ToArray();
        tasks.Add(RunStage("normalizer", () => Task.WhenAll(normalizers), e => documents.Writer.TryComplete(e), abortSource));
        tasks.Add(RunStage("writer", () => writer.RunAsync(documents.Reader, abort, stop), null, abortSource));

        try
        {
            await Task.WhenAll(tasks);
        }
        catch when (abort.IsCancellationRequested)
        {
            // The first failure is rethrown below; the others are consequences of the abort.
        }
        var failure = tasks.Select(t => t.Exception?.InnerException).OfType<ScanStageException>().FirstOrDefault();
        if (failure is not null)
            throw failure;

        // Only a complete walk can tell a vanished file from one not reached yet.
        var roots = MediaWalker.NormalizeRoots(options.Walk.Roots);
        var sweep = walkCompleted && !stop.IsCancellationRequested
            ? await new MissingSweep(store, log).RunAsync(roots, record, options.Prune, options.Walk.Scope, Gone, CancellationToken.None)
            : (Removed: 0, RemovedByDocument: (IReadOnlyDictionary<string, int>)new Dictionary<string, int>(), DocumentsMissing: 0, DocumentsPruned: 0);
        var moved = relocated.Sum(pair => Math.Min(pair.Value, sweep.RemovedByDocument.GetValueOrDefault(pair.Key)));
        Progress.SetPhase(ScanPhase.Done);

        return new ScanSummary
        {
            Roots = ScanScope.Recorded(options.Walk),
            StartedUtc = startedUtc,
            Elapsed = clock.Elapsed,
            FilesRead = Progress.FilesRead,
            BytesRead = Progress.BytesRead,
            New = Progress.New,
            Changed = Progress.Changed,
            Touched = Progress.Touched,
            Moved = moved,
            Copied = Progress.Relocated - moved,
            Missing = sweep.Removed - moved,
            DocumentsMissing = sweep.DocumentsMissing + Progress.OrphanedMissing,
            DocumentsPruned = sweep.DocumentsPruned + Progress.OrphanedDeleted,
            BitRot = Progress.BitRot,
            WalkCompleted = walkCompleted,
            Unchanged = Progress.Unchanged,
            Invalid = Progress.Invalid,
            Unprobed = Progress.Unprobed,
            Problems = problems.Snapshot(),
            Interrupted = stop.IsCancellationRequested,
        };
    }

    private static async Task RunStage(string name, Func<Task> body, Action<Exception?>? complete, CancellationTokenSource abort)
    {
        try
        {
            await body();
            complete?.Invoke(null);
        }
        catch (OperationCanceledException e)
        {
            complete?.Invoke(e);
            throw;
        }
        catch (Exception e)
        {
            complete?.Invoke(e);
            await abort.CancelAsync();
            throw new ScanStageException(name, e);
        }
    }

    private void ExtractLoop(ChannelReader<WalkedFile> input, ChannelWriter<ExtractedFile> output, FfprobeRunner? probe, Web.WebFetcher? web,
        ProblemLog problems, CancellationToken producers, CancellationToken abort)
    {
        using var extractor = new FileExtractor(options.Extraction, probe, web);
        try
        {
            while (input.WaitToReadAsync(producers).AsTask().GetAwaiter().GetResult())
            {
                while (input.TryRead(out var file))
                {
                    producers.ThrowIfCancellationRequested();
                    Progress.SetCurrentPath(file.Path);
                    var started = Stopwatch.GetTimestamp();
                    var result = extractor.Extract(file, producers);
                    switch (result.Disposition)
                    {
                        case ExtractionDisposition.NotMedia:
                            Progress.AddSkipped();
                            continue;
                        case ExtractionDisposition.Vanished:
                            Progress.AddSkipped();
                            log.Information("Skipped {Path:l}: it disappeared before it could be read", file.Path);
                            continue;
                        case ExtractionDisposition.Unstable:
                            // Nothing is written for it: what the store knew about the path stays, and the
                            // next scan sees a changed file and reads it.
                            Progress.AddProblem();
                            problems.Add(file.Path, $"not indexed: {result.InvalidReason}; the next scan reads it");
                            log.Warning("Not indexed {Path:l}: {Reason:l}; the next scan reads it", file.Path, result.InvalidReason);
                            continue;
                        case ExtractionDisposition.Unchanged:
                            Progress.AddUnchanged(result.Size);
                            continue;
                        case ExtractionDisposition.Failed:
                            Progress.AddProblem();
                            problems.Add(file.Path, result.InvalidReason ?? "could not be read");
                            log.Warning("Could not read {Path:l}: {Reason:l}", file.Path, result.InvalidReason);
                            continue;
                    }
                    Progress.AddRead(result.BytesRead);
                    if (options.Walk.Verify && file is { ExpectedUnchanged: true, Previous: { } known } && result.ContentRead && known.Hash != result.Hash)
                        ReportBitRot(file, known, result.Hash, problems);
                    if (result.ProbeUnavailable && Progress.AddUnprobed())
                    {
                        log.Warning("ffprobe is not available ({Ffprobe:l}): video and audio are indexed from their container headers only (duration, size, creation time) without codec details; to read them, {Hint:l}",
                            options.Extraction.FfprobePath ?? "not found on the PATH", FfprobeLocator.InstallHint);
                    }
                    log.Verbose("Read {Path:l} ({Format:l}, {Bytes} bytes) in {Elapsed:0.00} ms",
                        file.Path, result.Format.Name, result.BytesRead, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    output.WriteAsync(result, abort).AsTask().GetAwaiter().GetResult();
                }
            }
        }
        catch (OperationCanceledException) when (producers.IsCancellationRequested)
        {
            // Stopped: the file being read is left for the next scan.
        }
    }

    private void ReportBitRot(WalkedFile file, KnownLocation known, string hash, ProblemLog problems)
    {
        // With the ctime unchanged too, nothing wrote to the file through the file system: the storage changed it.
        var untouched = known.ChangedUtc is null || file.Stat.ChangedUtc is null || (known.ChangedUtc.Value - file.Stat.ChangedUtc.Value).Duration() <= TimeSpan.FromSeconds(1);
        var why = untouched
            ? "its bytes changed though its size, modification time and ctime did not: bit rot"
            : "its bytes changed though its size and modification time did not: bit rot, or an edit that kept the modification time";
        Progress.AddBitRot();
        log.Error("{Path:l}: {Why:l} (was {Old:l}, now {New:l})", file.Path, why, known.Hash, hash);
        problems.Add(file.Path, why);
    }

    private async Task NormalizeAsync(ChannelReader<ExtractedFile> input, ChannelWriter<MediaDocument> output, CancellationToken abort)
    {
        await foreach (var file in input.ReadAllAsync(abort))
        {
            MediaDocument document;
            try
            {
                document = DocumentNormalizer.Normalize(file, DateTime.UtcNow, _normalization);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A normalizer bug must not lose the file: index it as invalid with the reason.
                log.Error(e, "Could not normalize the metadata of {Path:l}", file.Source.Path);
                document = DocumentNormalizer.Normalize(
                    file with { Directories = [], InvalidReason = file.InvalidReason ?? $"metadata could not be normalized: {e.Message}" },
                    DateTime.UtcNow, _normalization);
            }
            await output.WriteAsync(document, abort);
        }
    }

    private void Account(IReadOnlyList<MediaDocument> batch, BatchWriteResult result, ProblemLog problems,
        System.Collections.Concurrent.ConcurrentDictionary<string, int> relocated)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            var document = batch[i];
            var outcome = result.Outcomes[i];
            var path = document.Locations[0].Path;
            if (outcome.Error is not null)
            {
                log.Error("Could not store {Path:l}: {Reason:l}", path, outcome.Error);
                problems.Add(path, $"not stored: {outcome.Error}");
                Progress.AddProblem();
                continue;
            }
            var invalid = document.Status == DocumentStatus.Invalid;
            var kind = outcome switch
            {
                { PreviousHashAtPath: null, NewContent: true } => WriteKind.New,
                { PreviousHashAtPath: null } => WriteKind.Relocated,
                _ when outcome.PreviousHashAtPath == document.File.Hash => WriteKind.Touched,
                _ => WriteKind.Changed,
            };
            Progress.AddWritten(kind, invalid);
            Written?.Invoke(document, kind);
            Progress.AddOrphan(outcome.PreviousContentLeft);
            if (kind == WriteKind.Relocated)
                relocated.AddOrUpdate(document.Id, 1, (_, count) => count + 1);
            if (invalid)
            {
                log.Warning("Invalid: {Path:l}: {Reason:l}", path, document.Errors.FirstOrDefault());
                problems.Add(path, document.Errors.FirstOrDefault() ?? "invalid");
            }
        }
    }

    private sealed class WalkReporter(ScanProgress progress, ProblemLog problems, WalkRecord record, ILogger log) : IWalkListener
    {
        public void FileUnchanged(string path, long size)
        {
            progress.SetCurrentPath(path);
            progress.AddUnchanged(size);
        }

        public void WalkFailed(string path, string reason)
        {
            log.Warning("Could not read {Path:l}: {Reason:l}", path, reason);
            problems.Add(path, reason);
            progress.AddProblem();
            record.Failed(path);
        }

        public void FolderListed(string root, string folder, int candidates) => record.Listed(root, folder, candidates);

        public void FileGone(string path) => record.Gone(path);
    }
}

/// <summary>A pipeline stage failed for good; the message names the stage.</summary>
public sealed class ScanStageException(string stage, Exception inner)
    : Exception($"The {stage} failed: {inner.Message}", inner)
{
    public string Stage { get; } = stage;
}
