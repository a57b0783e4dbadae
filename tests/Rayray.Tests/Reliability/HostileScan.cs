using System.Collections.Concurrent;
using Rayray.Core.Documents;
using Rayray.Core.Extraction.Probing;
using Rayray.Core.Scanning;
using Rayray.Core.Walking;
using Rayray.Storage.Sqlite;
using Rayray.Tests.Scanning;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Rayray.Tests.Reliability;

/// <summary>
/// One real scan over a library of hostile files, run in-process the way <c>rayray scan</c> runs it, with a
/// deadline (a hung scan fails the test instead of hanging it) and the time each file took to read, taken
/// from the scan's own per-file log event.
/// </summary>
internal sealed class HostileScan : IAsyncDisposable
{
    /// <summary>
    /// The per-file budget the scans run with (<c>ExtractionOptions.PerFileTimeBudget</c>, 60 s by default): no
    /// file may take longer to read than this, whatever its bytes.
    /// </summary>
    public static readonly TimeSpan PerFileBudget = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, TimeSpan> _readTimes;

    private HostileScan(SqliteMediaStore store, ScanSummary summary, ConcurrentDictionary<string, TimeSpan> readTimes)
    {
        Store = store;
        Summary = summary;
        _readTimes = readTimes;
    }

    public SqliteMediaStore Store { get; }
    public ScanSummary Summary { get; }

    public static async Task<HostileScan> RunAsync(FixtureLibrary library, bool withFfprobe = false, TimeSpan? deadline = null)
    {
        var readTimes = new ConcurrentDictionary<string, TimeSpan>(StringComparer.Ordinal);
        using var log = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(new ReadTimeSink(readTimes)).CreateLogger();
        var store = await TestScan.OpenSqliteAsync(library.DatabasePath);
        var options = new ScanOptions { Walk = new WalkOptions { Roots = [library.Root] }, Workers = 2 };
        options = options with
        {
            Extraction = options.Extraction with
            {
                PerFileTimeBudget = PerFileBudget,
                FfprobePath = withFfprobe ? FfprobeLocator.Find(null) : null,
            },
        };
        var limit = deadline ?? TimeSpan.FromSeconds(120);
        using var stop = new CancellationTokenSource();
        var run = new ScanPipeline(store, options, log).RunAsync(stop.Token);
        if (await Task.WhenAny(run, Task.Delay(limit)) != run)
        {
            await stop.CancelAsync();
            await store.DisposeAsync();
            Assert.Fail($"the scan did not finish within {limit.TotalSeconds:0} s: a hostile file hung it");
        }
        try
        {
            return new HostileScan(store, await run, readTimes);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>The document of the file at <paramref name="path"/>; fails when the scan left it out.</summary>
    public async Task<MediaDocument> DocumentAsync(string path)
    {
        var document = await Store.FindAsync(path, default);
        Assert.True(document is not null, $"{Path.GetFileName(path)} got no document");
        return document;
    }

    /// <summary>Asserts the file is indexed as invalid, with a reason in errors[0] that contains <paramref name="reason"/>, and returns the document.</summary>
    public async Task<MediaDocument> AssertInvalidAsync(string path, string reason)
    {
        var document = await DocumentAsync(path);
        Assert.True(document.Status == DocumentStatus.Invalid, $"{Path.GetFileName(path)} is {document.Status}, not invalid; errors: [{string.Join("; ", document.Errors)}]");
        Assert.Contains(reason, document.Errors[0], StringComparison.Ordinal);
        Assert.Contains(Summary.Problems, p => p.Path == path && p.Reason == document.Errors[0]);
        return document;
    }

    /// <summary>Asserts the file is indexed (the hostile part was metadata in an otherwise intact file) and returns the document.</summary>
    public async Task<MediaDocument> AssertIndexedAsync(string path)
    {
        var document = await DocumentAsync(path);
        Assert.True(document.Status == DocumentStatus.Indexed, $"{Path.GetFileName(path)} is {document.Status}; errors: [{string.Join("; ", document.Errors)}]");
        return document;
    }

    /// <summary>Asserts the picture's size was read, which shows the file's headers were read despite the hostile part.</summary>
    public static void AssertDimensions(MediaDocument document, int width, int height) =>
        Assert.True(document.Dimensions?.Width == width && document.Dimensions?.Height == height,
            $"{document.File.Name}: {document.Dimensions?.Width}x{document.Dimensions?.Height}, not {width}x{height}; errors: [{string.Join("; ", document.Errors)}]");

    /// <summary>How long the scan took to read the file (hash, structure check, metadata, ffprobe).</summary>
    public TimeSpan ReadTimeOf(string path)
    {
        Assert.True(_readTimes.TryGetValue(path, out var elapsed),
            $"no read time was logged for {Path.GetFileName(path)}: the scan's Verbose event \"Read {{Path}} … in {{Elapsed}} ms\" changed");
        return elapsed;
    }

    /// <summary>Asserts every file was read within <see cref="PerFileBudget"/>.</summary>
    public void AssertReadWithinBudget(IEnumerable<string> paths)
    {
        var slow = paths.Select(p => (Path: p, Elapsed: ReadTimeOf(p))).Where(r => r.Elapsed > PerFileBudget).ToList();
        Assert.True(slow.Count == 0, "over the per-file budget: " + string.Join(", ", slow.Select(s => $"{Path.GetFileName(s.Path)} {s.Elapsed.TotalSeconds:0.0} s")));
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();

    /// <summary>Keeps the scan's per-file "Read {Path} … in {Elapsed} ms" events.</summary>
    private sealed class ReadTimeSink(ConcurrentDictionary<string, TimeSpan> readTimes) : ILogEventSink
    {
        public void Emit(LogEvent logEvent)
        {
            if (logEvent.Properties.TryGetValue("Path", out var path) && path is ScalarValue { Value: string file } &&
                logEvent.Properties.TryGetValue("Elapsed", out var elapsed) && elapsed is ScalarValue { Value: double milliseconds })
            {
                readTimes[file] = TimeSpan.FromMilliseconds(milliseconds);
            }
        }
    }
}
