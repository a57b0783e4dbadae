using System.Globalization;
using System.Text.Json;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Cli.Tests;

/// <summary>
/// <c>rayray query</c> run while a scan writes (as cron and a user do): every answer is a state
/// between two batches, never part of one, and what it counts only grows.
/// </summary>
public sealed class ReaderConsistencyTests : IDisposable
{
    private const int Folders = 20;
    private const int PhotosPerFolder = 100;
    private const int Total = Folders * (PhotosPerFolder + 1);

    /// <summary>A query answers in well under a second; this is the most it may take while a scan writes (or waits for a lock).</summary>
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(6);

    private readonly TempFolder _folder = new("rayray-readers");

    public void Dispose() => _folder.Dispose();

    private string Database => _folder["db/rayray.db"];

    [UnixFact]
    public async Task Queries_during_a_scan_see_whole_documents_and_counts_that_never_go_down()
    {
        // In each folder a hundred photos and a video that the stand-in ffprobe takes 0.4 s over: the
        // scan lasts at least 8 s on any machine, and its documents arrive in steps.
        for (var f = 0; f < Folders; f++)
        {
            for (var p = 0; p < PhotosPerFolder; p++)
                _folder.Write($"library/{f:D2}/{p:D3}.jpg", TestImages.Jpeg(16, 16, new ExifSpec { Model = $"camera {f}-{p}", Iso = (ushort)(100 + p) }));
            _folder.Write($"library/{f:D2}/clip.mp4", StandInFfprobe.Mp4(f));
        }
        var ffprobe = StandInFfprobe.Slow(_folder, 0.4);

        await using var scan = RunningRayray.Start(["scan", _folder["library"], "--db", Database, "--ffprobe", ffprobe, "--workers", "1", "--batch-size", "20", "--log-level", "debug"]);
        await scan.WaitForLineAsync(l => l.Contains("Committed batch", StringComparison.Ordinal), "a committed batch");
        var observations = new List<(string What, long Documents)>();
        var lockedRounds = 0;
        for (var round = 0; !scan.HasExited; round++)
        {
            if (round % 3 == 0)
            {
                // The readers run while another process holds the write lock (the scan's writer waits
                // for it): the scan cannot end meanwhile, and nothing is committed between the two readings.
                using (new DatabaseLock(Database))
                {
                    var committed = DatabaseInspection.CommittedDocuments(scan.Lines);
                    var documents = await QueryDocumentsAsync();
                    var count = await CountAsync();
                    Assert.True(documents == count, $"nothing was committed between the two readings, yet they saw {documents} and {count} documents");
                    Assert.True(round > 0 || documents < Total, $"the scan was over at its first batch ({documents} documents)");
                    Record(observations, "ndjson while the writer waits", documents, committed);
                    Record(observations, "count while the writer waits", count, committed);
                    lockedRounds++;
                }
            }
            await ObserveAsync(observations, DatabaseInspection.CommittedDocuments(scan.Lines), "while writing");
        }
        var result = await scan.WaitForExitAsync();
        await ObserveAsync(observations, Total, "after the scan");

        Assert.Equal(0, result.ExitCode);
        Assert.True(lockedRounds > 0, "no reading while the writer waited");
        Assert.Equal(Total, observations[^1].Documents);
    }

    private async Task ObserveAsync(List<(string What, long Documents)> observations, long committedBefore, string when)
    {
        Record(observations, "ndjson " + when, await QueryDocumentsAsync(), committedBefore);
        Record(observations, "count " + when, await CountAsync(), committedBefore);
    }

    /// <summary>A reading sees at least what was committed before it started, and never less than the reading before it.</summary>
    private static void Record(List<(string What, long Documents)> observations, string what, long documents, long committedBefore)
    {
        Assert.True(documents >= committedBefore, $"{what} saw {documents} documents after {committedBefore} were committed");
        Assert.True(observations.Count == 0 || documents >= observations[^1].Documents, $"{what} saw {documents} documents, fewer than before: {string.Join(", ", observations)}");
        Assert.True(documents <= Total, $"{what} saw {documents} documents of {Total}");
        observations.Add((what, documents));
    }

    /// <summary>All documents as JSON lines; asserts each is whole (valid JSON, its hash, a location) and returns how many.</summary>
    private async Task<long> QueryDocumentsAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await RayrayProcess.RunAsync(["query", "--db", Database, "--format", "ndjson"]);
        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0, $"query exited {result.ExitCode}: {result.Stderr}");
        Assert.True(clock.Elapsed < Answer, $"query took {clock.Elapsed}: held up by the scan");
        long documents = 0;
        foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            Assert.StartsWith("sha256:", root.GetProperty("file").GetProperty("hash").GetString(), StringComparison.Ordinal);
            var locations = root.GetProperty("locations");
            Assert.True(locations.GetArrayLength() > 0, $"a document without a location: {line[..Math.Min(line.Length, 300)]}");
            Assert.All(locations.EnumerateArray(), l => Assert.StartsWith(_folder["library"], l.GetProperty("path").GetString(), StringComparison.Ordinal));
            documents++;
        }
        return documents;
    }

    private async Task<long> CountAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await RayrayProcess.RunAsync(["query", "--db", Database, "--count"]);
        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0, $"query --count exited {result.ExitCode}: {result.Stderr}");
        Assert.True(clock.Elapsed < Answer, $"query --count took {clock.Elapsed}: held up by the scan");
        return long.Parse(result.Stdout.Trim(), CultureInfo.InvariantCulture);
    }
}
