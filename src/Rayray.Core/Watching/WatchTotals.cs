using Rayray.Core.Scanning;

namespace Rayray.Core.Watching;

/// <summary>
/// A watch session's counts: the scan it started with plus every batch of changes read since. Files
/// found unchanged are the first scan's (a watch restats the files of changed folders, which finds
/// nothing new); problems are kept up to a limit, like a scan's.
/// </summary>
internal sealed class WatchTotals(ScanSummary initial)
{
    private const int ProblemsKept = 5000;
    private readonly List<ScanProblem> _problems = [.. initial.Problems];
    private ScanSummary _total = initial;

    public ScanSummary Summary => _total with { Elapsed = DateTime.UtcNow - _total.StartedUtc, Problems = [.. _problems] };

    public void Add(ScanSummary changes)
    {
        _problems.AddRange(changes.Problems.Take(Math.Max(0, ProblemsKept - _problems.Count)));
        _total = _total with
        {
            FilesRead = _total.FilesRead + changes.FilesRead,
            BytesRead = _total.BytesRead + changes.BytesRead,
            New = _total.New + changes.New,
            Changed = _total.Changed + changes.Changed,
            Touched = _total.Touched + changes.Touched,
            Moved = _total.Moved + changes.Moved,
            Copied = _total.Copied + changes.Copied,
            Missing = _total.Missing + changes.Missing,
            DocumentsMissing = _total.DocumentsMissing + changes.DocumentsMissing,
            DocumentsPruned = _total.DocumentsPruned + changes.DocumentsPruned,
            BitRot = _total.BitRot + changes.BitRot,
            Invalid = _total.Invalid + changes.Invalid,
            Unprobed = _total.Unprobed + changes.Unprobed,
            Interrupted = _total.Interrupted || changes.Interrupted,
        };
    }

    /// <summary>True when a batch of changes wrote or removed something.</summary>
    public static bool Wrote(ScanSummary changes) =>
        changes.New + changes.Changed + changes.Touched + changes.Moved + changes.Copied + changes.Missing + changes.DocumentsMissing + changes.DocumentsPruned > 0;
}
