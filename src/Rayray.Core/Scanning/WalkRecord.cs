using Rayray.Core.Walking;

namespace Rayray.Core.Scanning;

/// <summary>What a walk saw, kept to tell afterwards which recorded paths are really gone.</summary>
internal sealed class WalkRecord
{
    private readonly Lock _lock = new();
    private readonly HashSet<string> _listed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _withCandidates = new(StringComparer.Ordinal);
    private readonly List<string> _failed = [];
    private readonly List<string> _gone = [];
    private readonly Dictionary<string, long> _candidatesPerRoot = new(StringComparer.Ordinal);

    public void Listed(string root, string folder, int candidates)
    {
        lock (_lock)
        {
            _listed.Add(folder);
            if (candidates > 0)
                _withCandidates.Add(folder);
            _candidatesPerRoot[root] = _candidatesPerRoot.GetValueOrDefault(root) + candidates;
        }
    }

    public void Failed(string path)
    {
        lock (_lock)
            _failed.Add(path);
    }

    public void Gone(string path)
    {
        lock (_lock)
            _gone.Add(path);
    }

    public IReadOnlyList<string> GonePaths
    {
        get
        {
            lock (_lock)
                return [.. _gone];
        }
    }

    public bool WasListed(string folder)
    {
        lock (_lock)
            return _listed.Contains(folder);
    }

    /// <summary>True when the walker already compared this folder's files with what the store knew.</summary>
    public bool WasReconciled(string folder)
    {
        lock (_lock)
            return _withCandidates.Contains(folder);
    }

    /// <summary>True when the folder is, or lies under, a path the walk could not read: nothing in it may be called gone.</summary>
    public bool IsUnderFailure(string folder)
    {
        lock (_lock)
            return _failed.Any(f => f == folder || MediaWalker.IsUnder(folder, f));
    }

    public long CandidatesUnder(string root)
    {
        lock (_lock)
            return _candidatesPerRoot.GetValueOrDefault(root);
    }
}
