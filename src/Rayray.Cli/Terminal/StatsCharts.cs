using System.Globalization;
using Rayray.Core.Storage;
using Spectre.Console;

namespace Rayray.Cli.Terminal;

/// <summary>
/// The bar charts <c>rayray stats</c> adds on a terminal: documents by year (in year order), by
/// camera (the ten with most) and by kind. Missing documents are not counted, as in --by.
/// </summary>
internal static class StatsCharts
{
    private const int Cameras = 10;
    private const int MaxWidth = 72;

    public static async Task WriteAsync(TextWriter stdout, IMediaStore store, MediaStats stats, StatsGrouping? by)
    {
        if (stats.Documents == 0)
            return;
        var years = by == StatsGrouping.Year ? stats : await store.GetStatsAsync(StatsGrouping.Year, CancellationToken.None);
        var cameras = by == StatsGrouping.Camera ? stats : await store.GetStatsAsync(StatsGrouping.Camera, CancellationToken.None);
        var console = StandardOutputConsole.Create(stdout);
        Write(console, "by year", years.Groups
            .OrderBy(g => g.Key.Length == 0).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key.Length == 0 ? "(no date)" : g.Key, g.Documents)));
        Write(console, $"by camera (top {Cameras})", cameras.Groups
            .OrderByDescending(g => g.Documents).ThenBy(g => g.Key.Length == 0).ThenBy(g => g.Key, StringComparer.Ordinal).Take(Cameras)
            .Select(g => (g.Key.Length == 0 ? "(no camera)" : g.Key, g.Documents)));
        Write(console, "by kind", stats.ByKind.OrderByDescending(k => k.Value).Select(k => (k.Key, k.Value)));
    }

    internal static void Write(IAnsiConsole console, string title, IEnumerable<(string Label, long Count)> bars)
    {
        var items = bars.ToList();
        if (items.Count == 0)
            return;
        var chart = new BarChart()
            .Width(Math.Min(console.Profile.Width, MaxWidth))
            .Label($"[bold]{Markup.Escape(title)}[/]")
            .LeftAlignLabel()
            .UseValueFormatter(value => value.ToString("N0", CultureInfo.InvariantCulture));
        foreach (var (label, count) in items)
            chart.AddItem(Markup.Escape(Rayray.Core.Common.PathBytes.Printable(label)), count, Color.SteelBlue1);
        console.WriteLine();
        console.Write(chart);
    }
}
