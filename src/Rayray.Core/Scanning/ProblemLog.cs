using System.Collections.Concurrent;

namespace Rayray.Core.Scanning;

/// <summary>Collects problems from every stage; keeps the first few thousand in memory and counts the rest.</summary>
internal sealed class ProblemLog
{
    private const int Kept = 5000;
    private readonly ConcurrentQueue<ScanProblem> _problems = new();
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Add(string path, string reason)
    {
        if (Interlocked.Increment(ref _count) <= Kept)
            _problems.Enqueue(new ScanProblem(path, reason));
    }

    public IReadOnlyList<ScanProblem> Snapshot()
    {
        var list = _problems.ToList();
        var more = Count - list.Count;
        if (more > 0)
            list.Add(new ScanProblem("…", $"{more} more problems are in the log"));
        return list;
    }
}
