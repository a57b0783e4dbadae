using System.Globalization;
using Rayray.Core.Scanning;

namespace Rayray.Cli.Terminal;

/// <summary>The end-of-scan summary on stderr.</summary>
internal static class ScanSummaryPrinter
{
    private const int ProblemsShown = 20;

    public static void Print(StandardError stderr, ScanSummary summary, string database)
    {
        var seconds = Math.Max(summary.Elapsed.TotalSeconds, 0.001);
        var heading = summary.Interrupted ? "Stopped after" : "Scanned in";
        stderr.WriteLine(Invariant($"{heading} {FormatElapsed(summary.Elapsed)}: {string.Join(", ", summary.Roots)}"));
        stderr.WriteLine(Invariant($"  {summary.FilesRead:N0} files read ({Megabytes(summary.BytesRead)}, {summary.BytesRead / seconds / 1e6:N1} MB/s, {summary.FilesRead / seconds:N0} files/s)"));
        var invalid = summary.Invalid > 0 ? stderr.Colorize(Invariant($"{summary.Invalid:N0} invalid"), "33") : "0 invalid";
        stderr.WriteLine(Invariant($"  {summary.New:N0} new, {summary.Updated:N0} updated, {summary.Unchanged:N0} unchanged, ") + invalid);
        if (summary.Moved + summary.Copied + summary.Missing > 0)
        {
            var documents = summary.DocumentsPruned > 0 ? Invariant($" ({summary.DocumentsPruned:N0} documents pruned)")
                : summary.DocumentsMissing > 0 ? Invariant($" ({summary.DocumentsMissing:N0} documents now have no file left)")
                : "";
            stderr.WriteLine(Invariant($"  {summary.Moved:N0} moved, {summary.Copied:N0} copied, {summary.Missing:N0} gone") + documents);
        }
        if (summary.BitRot > 0)
            stderr.WriteLine(stderr.Colorize(Invariant($"  {summary.BitRot:N0} files changed without their size or date changing (possible bit rot)"), "1;31"));

        if (summary.Unprobed > 0)
            stderr.WriteLine(stderr.Colorize(Invariant($"  {summary.Unprobed:N0} video/audio files were indexed from their headers only: ffprobe was not available"), "33"));

        var problems = summary.Problems;
        if (problems.Count > 0)
        {
            stderr.WriteLine(stderr.Colorize(Invariant($"  {problems.Count:N0} could not be read:"), "33"));
            foreach (var problem in problems.Take(ProblemsShown))
                stderr.WriteLine($"    {Rayray.Core.Common.PathBytes.Printable(problem.Path)}: {problem.Reason}");
            if (problems.Count > ProblemsShown)
                stderr.WriteLine(Invariant($"    … and {problems.Count - ProblemsShown:N0} more (they are in the log)"));
        }
        stderr.WriteLine($"  database: {database}");
    }

    private static string Megabytes(long bytes) => Invariant($"{bytes / 1e6:N1} MB");

    private static string FormatElapsed(TimeSpan elapsed) =>
        elapsed.TotalMinutes >= 1 ? ScanProgressDisplay.Duration(elapsed) : Invariant($"{elapsed.TotalSeconds:N1} s");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
