using System.Globalization;
using Rayray.Core.Scanning;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Rayray.Cli.Terminal;

/// <summary>
/// The progress bar on stderr while a scan runs (only on a terminal): drawn by Spectre.Console's
/// progress bar column into one line, which <see cref="StandardError"/> keeps below the log lines
/// and clears at the end, also after Ctrl-C. (Spectre's own live display would hide the cursor and
/// move it over lines other writers put there.)
/// </summary>
internal sealed class ScanProgressDisplay : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);
    private readonly StandardError _stderr;
    private readonly ProgressSampler _sampler;
    private readonly StringWriter _frame = new();
    private readonly IAnsiConsole _console;
    private readonly ProgressTask _task = new(0, "scan", 1, autoStart: true, TimeProvider.System);
    private readonly ProgressBarColumn _bar = new() { Width = 24 };
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ScanProgressDisplay(StandardError stderr, ScanProgress progress)
    {
        _stderr = stderr;
        _sampler = new ProgressSampler(progress);
        _console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = stderr.UseColor ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = stderr.UseColor ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
            Out = new AnsiConsoleOutput(_frame),
        });
        _console.Profile.Capabilities.Unicode = Console.OutputEncoding.CodePage == 65001;
        _loop = Task.Run(LoopAsync);
    }

    private async Task LoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                _stderr.SetProgress(Render(_sampler.Take(), _stderr.Width - 1));
                await Task.Delay(Interval, _stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One frame: the bar once the total is known, the counts, the rates and the time left.</summary>
    internal string Render(ProgressSample sample, int width)
    {
        var rate = string.Create(CultureInfo.InvariantCulture, $"{sample.FilesPerSecond,6:N0} files/s {sample.MegabytesPerSecond,7:N1} MB/s");
        var phase = sample.Phase.ToString();
        IRenderable[] cells;
        if (sample.FilesTotal is not { } total || sample.Fraction is not { } fraction)
        {
            cells = [new Text(phase), new Text(string.Create(CultureInfo.InvariantCulture, $"{sample.FilesDone:N0} files  {rate}"))];
        }
        else
        {
            _task.MaxValue = Math.Max(total, 1);
            _task.Value = Math.Min(sample.FilesDone, total);
            var eta = sample.EtaSeconds is { } seconds ? Duration(TimeSpan.FromSeconds(seconds)) : "--:--";
            var bar = _bar.Render(RenderOptions.Create(_console, _console.Profile.Capabilities), _task, TimeSpan.Zero);
            var counts = string.Create(CultureInfo.InvariantCulture, $"{fraction * 100,3:0}%  {sample.FilesDone:N0}/{total:N0} files  {rate}  ETA {eta}");
            cells = [new Text(phase), bar, new Text(counts)];
        }
        var grid = new Grid();
        foreach (var _ in cells)
            grid.AddColumn(new GridColumn().NoWrap().PadRight(2));
        grid.Columns[^1].PadRight(0);
        grid.AddRow(cells);

        _frame.GetStringBuilder().Clear();
        _console.Profile.Width = Math.Max(width, 20);
        _console.Write(grid);
        // A frame is one line: what did not fit was folded below it, and is left out.
        var text = _frame.ToString();
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).TrimEnd('\r');
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
        _frame.Dispose();
    }
}
