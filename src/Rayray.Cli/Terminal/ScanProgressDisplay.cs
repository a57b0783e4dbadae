using System.Diagnostics;
using System.Globalization;
using Rayray.Core.Scanning;

namespace Rayray.Cli.Terminal;

/// <summary>
/// The progress line on stderr while a scan runs (only on a terminal): a bar once the total is
/// known, files/s and MB/s over the last few seconds, and the time left.
/// </summary>
internal sealed class ScanProgressDisplay : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private readonly StandardError _stderr;
    private readonly ScanProgress _progress;
    private readonly CancellationTokenSource _stop = new();
    private readonly Queue<(double Seconds, long Files, long Bytes)> _samples = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Task _loop;

    public ScanProgressDisplay(StandardError stderr, ScanProgress progress)
    {
        _stderr = stderr;
        _progress = progress;
        _loop = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                _stderr.SetProgress(Render());
                await Task.Delay(Interval, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    internal string Render()
    {
        var now = _clock.Elapsed.TotalSeconds;
        var files = _progress.FilesDone;
        var bytes = _progress.BytesRead;
        _samples.Enqueue((now, files, bytes));
        while (_samples.Count > 2 && now - _samples.Peek().Seconds > 5)
            _samples.Dequeue();
        var (since, filesThen, bytesThen) = _samples.Peek();
        var window = Math.Max(now - since, 0.001);
        var filesPerSecond = (files - filesThen) / window;
        var megabytesPerSecond = (bytes - bytesThen) / window / 1e6;

        var total = _progress.TotalFiles;
        var rate = string.Create(CultureInfo.InvariantCulture, $"{filesPerSecond,7:N0} files/s {megabytesPerSecond,7:N1} MB/s");
        if (total <= 0)
            return string.Create(CultureInfo.InvariantCulture, $"Scanning  {files:N0} files  {rate}");

        var fraction = Math.Clamp(files / (double)total, 0, 1);
        const int barWidth = 24;
        var filled = (int)Math.Round(fraction * barWidth);
        var bar = new string('#', filled) + new string('-', barWidth - filled);
        var eta = filesPerSecond > 0.5 ? Duration(TimeSpan.FromSeconds(Math.Max(0, total - files) / filesPerSecond)) : "--:--";
        var line = string.Create(CultureInfo.InvariantCulture, $"[{bar}] {fraction,4:P0}  {files:N0}/{total:N0} files  {rate}  ETA {eta}");
        return line.Length > _stderr.Width - 1 ? line[..(_stderr.Width - 1)] : line;
    }

    internal static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? span.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
        : span.ToString(@"m\:ss", CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stderr.SetProgress(null);
        _stop.Dispose();
    }
}
