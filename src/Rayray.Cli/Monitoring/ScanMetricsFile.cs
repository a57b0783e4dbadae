using Rayray.Core.Scanning;
using Rayray.Core.Storage;

namespace Rayray.Cli.Monitoring;

/// <summary>
/// <c>scan --metrics-file FILE</c>: what the scan did, for node_exporter's textfile collector,
/// written when the command ends however it ends — FILE.tmp first, then renamed over FILE, so the
/// collector never reads half a file. docs/operations.md lists the metrics.
/// </summary>
internal sealed class ScanMetricsFile(string path, IReadOnlyList<string> roots)
{
    private const string LastSuccess = "rayray_scan_last_success_timestamp_seconds";
    private const string BytesRead = "rayray_scan_bytes_read_total";
    private readonly DateTime _started = DateTime.UtcNow;
    private ScanProgress? _progress;
    private ScanSummary? _summary;
    private DateTime? _lastCompleted;
    private long? _documents;

    /// <summary>The live counters, for a scan that fails before it has a summary.</summary>
    public void Follow(ScanProgress progress) => _progress = progress;

    public void Scanned(ScanSummary summary) => _summary = summary;

    /// <summary>--min-interval skipped the scan: the last complete one ended then.</summary>
    public void Skipped(DateTime lastCompletedUtc) => _lastCompleted = lastCompletedUtc;

    /// <summary>Counts the store's documents when disposed, at the end of the scan while the store is still open.</summary>
    public IAsyncDisposable CountDocumentsAtEnd(IMediaStore store) => new DocumentCount(this, store);

    private sealed class DocumentCount(ScanMetricsFile metrics, IMediaStore store) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                metrics._documents = await store.CountAsync(null, limit.Token);
            }
            catch (Exception e) when (e is StoreException or OperationCanceledException)
            {
                // A store that failed cannot be counted; the metric is left out.
            }
        }
    }

    public void Write(int exitCode)
    {
        try
        {
            WriteFile(exitCode);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"--metrics-file: cannot write {path}: {e.Message}", e);
        }
    }

    private void WriteFile(int exitCode)
    {
        var previous = File.Exists(path) ? File.ReadAllText(path) : "";
        var now = DateTime.UtcNow;
        var succeeded = exitCode is ExitCodes.Success or ExitCodes.SomeFilesUnreadable
            && (_summary is { Interrupted: false } || _lastCompleted is not null);
        var lastSuccess = PrometheusText.ReadValue(previous, LastSuccess) ?? 0;
        if (succeeded)
            lastSuccess = Math.Max(lastSuccess, UnixSeconds(_lastCompleted ?? now));

        var rootsLabel = ("roots", string.Join(",", roots));
        (string, string)[] labels = [rootsLabel];
        var text = new PrometheusText()
            .Metric(LastSuccess, "gauge", "When a scan of these roots last completed (Unix time; 0: never). Only a completed scan moves it, also one with unreadable files (exit code 3), or one skipped by --min-interval after a recent completed one.")
            .Sample(LastSuccess, labels, lastSuccess)
            .Metric("rayray_scan_last_run_timestamp_seconds", "gauge", "When the last scan of these roots ended, however it ended (Unix time).")
            .Sample("rayray_scan_last_run_timestamp_seconds", labels, UnixSeconds(now))
            .Metric("rayray_scan_duration_seconds", "gauge", "How long the last scan command ran, waiting for a lock included.")
            .Sample("rayray_scan_duration_seconds", labels, Math.Round((now - _started).TotalSeconds, 3))
            .Metric("rayray_scan_files", "gauge", "Files of the last scan, by what it found them to be.");
        foreach (var (outcome, count) in Outcomes())
            text.Sample("rayray_scan_files", [rootsLabel, ("outcome", outcome)], count);
        text.Metric("rayray_scan_invalid_files", "gauge", "Files and folders the last scan could not read or index (indexed as invalid, or not at all); more than 0 is exit code 3.")
            .Sample("rayray_scan_invalid_files", labels, Problems())
            .Metric(BytesRead, "counter", "Bytes read by the scans that wrote this file, added up.")
            .Sample(BytesRead, labels, (PrometheusText.ReadValue(previous, BytesRead) ?? 0) + (_summary?.BytesRead ?? _progress?.BytesRead ?? 0));
        if (_documents is { } documents)
        {
            text.Metric("rayray_documents", "gauge", "Documents in the database after the last scan.")
                .Sample("rayray_documents", labels, documents);
        }
        text.Metric("rayray_scan_exit_code", "gauge", "The exit code of the last scan: 0 success, 1 failure, 2 usage, 3 some files unreadable, 4 locked, 130 stopped.")
            .Sample("rayray_scan_exit_code", labels, exitCode);

        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
    }

    private IEnumerable<(string Outcome, long Count)> Outcomes()
    {
        if (_summary is { } s)
            return [("new", s.New), ("updated", s.Updated), ("unchanged", s.Unchanged), ("moved", s.Moved), ("copied", s.Copied), ("missing", s.Missing), ("invalid", s.Invalid)];
        var p = _progress;
        return [("new", p?.New ?? 0), ("updated", (p?.Changed ?? 0) + (p?.Touched ?? 0)), ("unchanged", p?.Unchanged ?? 0),
            ("moved", 0), ("copied", p?.Relocated ?? 0), ("missing", 0), ("invalid", p?.Invalid ?? 0)];
    }

    private long Problems() => _summary?.Problems.Count ?? (_progress is { } p ? p.Problems + p.Invalid : 0);

    private static double UnixSeconds(DateTime utc) => Math.Round((utc - DateTime.UnixEpoch).TotalSeconds, 3);
}
