using System.Diagnostics;
using Rayray.Core.Scanning;

namespace Rayray.Cli.Terminal;

/// <summary>What a progress report shows: the counters of the scan, and its rates over the last few seconds.</summary>
/// <param name="FilesTotal">Null until the counting pass has found them (as <paramref name="BytesTotal"/>).</param>
/// <param name="EtaSeconds">Null while there is no total, or no rate to go by yet.</param>
internal sealed record ProgressSample(
    ScanPhase Phase, TimeSpan Elapsed, long FilesDone, long? FilesTotal, long BytesDone, long? BytesTotal,
    double FilesPerSecond, double MegabytesPerSecond, double? EtaSeconds, string? CurrentPath)
{
    /// <summary>Done as a fraction of the files, or null without a total.</summary>
    public double? Fraction => FilesTotal is > 0 and var total ? Math.Clamp(FilesDone / (double)total, 0, 1) : null;
}

/// <summary>Takes samples of a <see cref="ScanProgress"/>; rates are measured over the last five seconds.</summary>
internal sealed class ProgressSampler(ScanProgress progress)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(5);
    private readonly Queue<(TimeSpan At, long Files, long Bytes)> _samples = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public ProgressSample Take(ScanPhase? phase = null)
    {
        var now = _clock.Elapsed;
        var files = progress.FilesDone;
        var bytes = progress.BytesDone;
        _samples.Enqueue((now, files, bytes));
        while (_samples.Count > 2 && now - _samples.Peek().At > Window)
            _samples.Dequeue();
        var (since, filesThen, bytesThen) = _samples.Peek();
        var seconds = Math.Max((now - since).TotalSeconds, 0.001);
        var current = phase ?? progress.Phase;
        if (current == ScanPhase.Done)
        {
            // The last report gives the rates of the whole scan.
            (filesThen, bytesThen, seconds) = (0, 0, Math.Max(now.TotalSeconds, 0.001));
        }
        var filesPerSecond = (files - filesThen) / seconds;
        var megabytesPerSecond = (bytes - bytesThen) / seconds / 1e6;

        var filesTotal = progress.TotalFiles is >= 0 and var f ? f : (long?)null;
        var bytesTotal = progress.TotalBytes is >= 0 and var b ? b : (long?)null;
        double? eta = current == ScanPhase.Done ? 0
            : filesTotal is { } total && filesPerSecond > 0.5 ? Math.Max(0, total - files) / filesPerSecond
            : null;
        return new ProgressSample(current, now, files, filesTotal, bytes, bytesTotal, filesPerSecond, megabytesPerSecond, eta, progress.CurrentPath);
    }
}
