using System.CommandLine;
using Rayray.Cli.Configuration;
using Rayray.Cli.Monitoring;
using Rayray.Cli.Terminal;
using Rayray.Core.Common;
using Rayray.Core.Extraction;
using Rayray.Core.Extraction.Probing;
using Rayray.Core.Geotagging;
using Rayray.Core.Scanning;
using Rayray.Core.Walking;
using Rayray.Core.Web;
using Rayray.Core.Writing;

namespace Rayray.Cli.Commands;

/// <summary><c>rayray scan PATH...</c>: index photo, video and audio files into the store.</summary>
internal sealed class ScanCommand
{
    private readonly GlobalOptions _global;

    private readonly Argument<string[]> _paths = new("PATH")
    {
        Description = "Folders, single files or http/https URLs to index (default: roots in the config file)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly ScanInputOptions _inputs = new();

    private readonly Option<int> _batchSize = new("--batch-size")
    {
        Description = "Write a batch when this many documents are waiting",
        HelpName = "N",
        DefaultValueFactory = _ => 100,
    };

    private readonly Option<int> _batchMs = new("--batch-ms")
    {
        Description = "Write a batch at the latest this many milliseconds after its first document",
        HelpName = "MS",
        DefaultValueFactory = _ => 100,
    };

    private readonly Option<int> _workers = new("--workers")
    {
        Description = "Files read at once (default: one per core)",
        HelpName = "N",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    private readonly Option<string[]> _exclude = new("--exclude")
    {
        Description = "Skip paths matching this glob (relative to the root, or a name when it has no '/'); repeatable",
        HelpName = "GLOB",
    };

    private readonly Option<bool> _includeHidden = new("--include-hidden")
    {
        Description = "Also index hidden files and folders (names starting with '.')",
    };

    private readonly Option<bool> _followSymlinks = new("--follow-symlinks")
    {
        Description = "Follow symbolic links to files and folders, also outside the roots (each folder is walked once, so link loops end); by default links are skipped",
    };

    private readonly Option<bool> _allFiles = new("--all-files")
    {
        Description = "Index every file, not only media (kind \"other\")",
    };

    private readonly Option<bool> _noPerceptualHash = new("--no-perceptual-hash")
    {
        Description = "Do not compute images' perceptual hashes (similar:, near-duplicates in stats); config: perceptual_hash = false",
    };

    private readonly Option<bool> _force = new("--force")
    {
        Description = "Re-read every file, even those whose size, mtime, inode and ctime are unchanged",
    };

    private readonly Option<string?> _ffprobe = new("--ffprobe")
    {
        Description = "The ffprobe binary for video and audio (default: RAYRAY_FFPROBE, else ffprobe on the PATH)",
        HelpName = "PATH",
    };

    private readonly Option<int> _probeTimeout = new("--probe-timeout")
    {
        Description = "Seconds ffprobe may spend on one file before the file is given up as invalid",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => SettingsResolver.DefaultProbeTimeoutSeconds,
    };

    private readonly Option<bool> _verify = new("--verify")
    {
        Description = "Re-hash every file and report those whose bytes changed though size and mtime did not (bit rot)",
    };

    private readonly Option<bool> _prune = new("--prune")
    {
        Description = "Delete documents whose files are all gone, instead of keeping them as \"missing\"",
    };

    private readonly Option<string?> _wait = new("--wait")
    {
        Description = "When another scan holds the lock, wait for it (as long as TIMEOUT, e.g. 30m; forever without one) instead of exiting 4",
        HelpName = "TIMEOUT",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<string?> _minInterval = new("--min-interval")
    {
        Description = "Do nothing (exit 0) when the last complete scan of the same roots ended less than this ago, e.g. 6h",
        HelpName = "DURATION",
    };

    private readonly GeotagCommandLine _geotag = new();

    private readonly Option<string?> _progress = ProgressOption.Create();

    private readonly Option<string?> _metricsFile = new("--metrics-file")
    {
        Description = "At the end of the scan, however it ends, write its metrics to FILE for node_exporter's textfile collector (docs/operations.md)",
        HelpName = "FILE",
    };

    private readonly WatchCommandLine _watch = new();

    public ScanCommand(GlobalOptions global)
    {
        _global = global;
        _batchSize.Validators.Add(r => OptionChecks.Range(r, r.GetValueOrDefault<int>(), 1, 100_000, "--batch-size"));
        _batchMs.Validators.Add(r => OptionChecks.Range(r, r.GetValueOrDefault<int>(), 1, 60_000, "--batch-ms"));
        _workers.Validators.Add(r => OptionChecks.Range(r, r.GetValueOrDefault<int>(), 1, 256, "--workers"));
        _probeTimeout.Validators.Add(r => OptionChecks.Range(r, r.GetValueOrDefault<int>(), 1, 3600, "--probe-timeout"));
        _wait.Validators.Add(r => OptionChecks.DurationOrNothing(r, r.GetValueOrDefault<string?>(), "--wait"));
        _minInterval.Validators.Add(r => OptionChecks.DurationOrNothing(r, r.GetValueOrDefault<string?>(), "--min-interval"));
    }

    public Command Build()
    {
        var command = new Command("scan", "Index the photo, video and audio files under PATH (only new and changed files are read)");
        command.Arguments.Add(_paths);
        command.Options.Add(_batchSize);
        command.Options.Add(_batchMs);
        command.Options.Add(_workers);
        command.Options.Add(_exclude);
        command.Options.Add(_includeHidden);
        command.Options.Add(_followSymlinks);
        command.Options.Add(_allFiles);
        command.Options.Add(_noPerceptualHash);
        command.Options.Add(_force);
        command.Options.Add(_verify);
        command.Options.Add(_prune);
        command.Options.Add(_wait);
        command.Options.Add(_minInterval);
        command.Options.Add(_ffprobe);
        command.Options.Add(_probeTimeout);
        _geotag.AddTo(command);
        command.Options.Add(_progress);
        command.Options.Add(_metricsFile);
        _watch.AddTo(command);
        _inputs.AddTo(command);
        command.SetAction((result, _) => CommandContext.RunAsync(result, _global, RunAsync, CommandLine(result)));
        return command;
    }

    /// <summary>The settings this command line gives; the environment, the config file and the defaults fill in the others.</summary>
    private CommandLineSettings CommandLine(ParseResult result) => _global.CommandLine(result) with
    {
        Roots = result.GetValue(_paths) is { Length: > 0 } paths ? paths : null,
        Exclude = result.GetValue(_exclude) is { Length: > 0 } exclude ? exclude : null,
        Workers = result.GivenValue(_workers),
        Ffprobe = result.GivenText(_ffprobe),
        ProbeTimeout = result.GivenValue(_probeTimeout),
        IncludeHidden = result.GivenValue(_includeHidden),
        FollowSymlinks = result.GivenValue(_followSymlinks),
        AllFiles = result.GivenValue(_allFiles),
        PerceptualHash = result.GetValue(_noPerceptualHash) ? false : null,
    };

    private static TimeSpan Duration(string text) =>
        DurationText.TryParse(text, out var duration) ? duration : throw new UsageException($"'{text}' is not a duration");

    /// <summary>
    /// ffprobe as asked for; a binary named explicitly that does not exist is a usage error, a missing
    /// default only a warning later. One that FFMpegCore cannot be made to run is a usage error too:
    /// another ffprobe must not run in its place.
    /// </summary>
    private static string? FindFfprobe(Setting<string?> setting)
    {
        var found = FfprobeLocator.Find(setting.Value);
        if (found is null && !setting.IsDefault)
            throw new UsageException($"ffprobe not found at {FfprobeLocator.Describe(setting.Value)}{FromFile(ConfigKeys.Ffprobe, setting.Source)}");
        if (found is null)
            return null;
        try
        {
            // The scan prepares it again for itself; this only finds out early, before the database is opened.
            FfprobeBinary.Prepare(found).Dispose();
        }
        catch (FfprobeBinaryException e)
        {
            throw new UsageException(e.Message);
        }
        return found;
    }

    /// <summary>" (roots in /etc/rayray.toml:4)" after a message about a value the config file gave; nothing for one from the command line.</summary>
    private static string FromFile(ConfigKey key, SettingSource source) => source.Kind == SettingSourceKind.File ? $" ({key.Name} in {source.Detail})" : "";

    private async Task<int> RunAsync(CommandContext context)
    {
        var result = context.ParseResult;
        var settings = context.Settings;
        foreach (var root in settings.Roots.Value)
        {
            if (!WebAddress.LooksLikeUrl(root) && !File.Exists(root) && !Directory.Exists(root))
                throw new UsageException($"no such file or folder: {root}{FromFile(ConfigKeys.Roots, settings.Roots.Source)}");
        }
        var inputs = _inputs.Read(result, settings.Roots.Value, context.ConfigFile.Path);
        var roots = inputs.Roots;
        var metrics = result.GetValue(_metricsFile) is { } metricsPath ? new ScanMetricsFile(metricsPath, MediaWalker.NormalizeRoots(roots)) : null;
        if (metrics is not null)
            context.AtExit(metrics.Write);
        var progressMode = ProgressOption.Resolve(context, _progress);
        var geotag = _geotag.Load(result, context.Log);

        var walk = new WalkOptions
        {
            Roots = roots,
            IncludeHidden = settings.IncludeHidden.Value,
            FollowSymlinks = settings.FollowSymlinks.Value,
            AllFiles = settings.AllFiles.Value,
            Force = result.GetValue(_force),
            Verify = result.GetValue(_verify),
            Excludes = settings.Exclude.Value.Select(g => Glob.Parse(g, ignoreCase: true)).ToList(),
            Files = inputs.Files,
            Urls = inputs.Urls,
        };
        var options = new ScanOptions
        {
            Walk = walk,
            Extraction = new ExtractionOptions
            {
                AllFiles = walk.AllFiles,
                PerceptualHash = settings.PerceptualHash.Value,
                FfprobePath = FindFfprobe(settings.Ffprobe),
                ProbeTimeout = TimeSpan.FromSeconds(settings.ProbeTimeoutSeconds.Value),
                Web = _inputs.Web(result),
            },
            Batch = new BatchOptions { Size = result.GetValue(_batchSize), MaxDelay = TimeSpan.FromMilliseconds(result.GetValue(_batchMs)) },
            Workers = settings.Workers.Value,
            Prune = result.GetValue(_prune),
            Geotag = geotag,
        };
        var session = new SessionOptions
        {
            MinInterval = result.GetValue(_minInterval) is { } interval ? Duration(interval) : null,
            WaitForLock = result.GetResult(_wait) is null ? null
                : result.GetValue(_wait) is { } wait ? Duration(wait)
                : Timeout.InfiniteTimeSpan,
            Watch = _watch.Resolve(result, withMinInterval: result.GetValue(_minInterval) is not null),
        };

        using var signals = new StopSignals(context.Say);
        await using var store = await context.OpenStoreAsync(signals.Token);
        // Disposed before the store: counts its documents for the metrics, however the scan ends.
        await using var countDocuments = metrics?.CountDocumentsAtEnd(store);
        context.Log.Information("Scanning {Roots} into {Database} with {Workers} workers", ScanScope.Recorded(walk), store.Address, options.Workers);

        var scan = new ScanSession(store, options, context.Log);
        metrics?.Follow(scan.Progress);
        Task<SessionResult> running;
        await using (ScanProgressReport.Start(progressMode, context.Stderr, scan.Progress, walk, signals.Token))
        {
            running = scan.RunAsync(session, signals.Token);
            // No progress while watching: the report ends with the first scan.
            await Task.WhenAny(running, scan.WatchStarted);
        }
        if (session.Watch is not null)
            await WatchCommandLine.AnnounceAsync(context, scan, running, store.Address, MediaWalker.NormalizeRoots(roots).Count);
        var outcome = await running;

        switch (outcome.Outcome)
        {
            case SessionOutcome.SkippedRecent:
                metrics?.Skipped(outcome.LastRun!.EndedUtc!.Value);
                context.Say($"Nothing to do: the last complete scan of these roots ended {DurationText.Format(DateTime.UtcNow - outcome.LastRun!.EndedUtc!.Value)} ago (--min-interval).");
                return ExitCodes.Success;
            case SessionOutcome.Locked when signals.Requested:
                return ExitCodes.Interrupted;
            case SessionOutcome.Locked:
                context.Fail($"another scan holds the lock on {outcome.Lock!.HeldRoot}: {outcome.Lock.HeldBy}");
                return ExitCodes.Locked;
        }
        var summary = outcome.Summary!;
        metrics?.Scanned(summary);

        context.Log.Information("Scan finished: {Read} read, {New} new, {Updated} updated, {Unchanged} unchanged, {Invalid} invalid, {Problems} problems in {Elapsed}",
            summary.FilesRead, summary.New, summary.Updated, summary.Unchanged, summary.Invalid, summary.Problems.Count, summary.Elapsed);
        context.Log.Information("Moves and deletions: {Moved} moved, {Copied} copied, {Missing} missing, {Pruned} pruned",
            summary.Moved, summary.Copied, summary.Missing, summary.DocumentsPruned);
        if (!context.Quiet)
            ScanSummaryPrinter.Print(context.Stderr, summary, store.Address);

        return summary.Interrupted ? ExitCodes.Interrupted
            : summary.HadProblems ? ExitCodes.SomeFilesUnreadable
            : ExitCodes.Success;
    }
}
