namespace Rayray.Core.Watching;

/// <summary>
/// The changes waiting to be read, coalesced per root into the folders and trees they touched (a
/// file copied in fires a dozen events; its folder is remembered once). A root's changes become due
/// together once it has been quiet for a moment, or at the latest a while after the first one, so a
/// move between two folders is read in one scan and counted as a move. Memory stays bounded: past
/// a number of folders a root is marked for a whole (incremental) rescan and its list dropped.
/// Called from the notification threads and the watch loop.
/// </summary>
public sealed class PendingChanges(TimeSpan quiet, TimeSpan maxDelay, int maxFoldersPerRoot)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RootChanges> _roots = new(StringComparer.Ordinal);

    private sealed class RootChanges(DateTime now)
    {
        public DateTime First { get; } = now;
        public DateTime Last { get; set; } = now;
        public bool Whole { get; set; }
        public HashSet<string> Folders { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Trees { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>The files directly in <paramref name="folder"/> changed.</summary>
    public void Folder(string root, string folder, DateTime now) => Add(root, folder, tree: false, now);

    /// <summary>Everything under <paramref name="folder"/> may have changed (a folder created, moved or deleted).</summary>
    public void Tree(string root, string folder, DateTime now) => Add(root, folder, tree: true, now);

    /// <summary>Anything under the root may have changed (lost notifications): it is rescanned once quiet.</summary>
    public void Whole(string root, DateTime now)
    {
        lock (_lock)
            MarkWhole(Changes(root, now), now);
    }

    /// <summary>The root is rescanned at the next look, without waiting for quiet (a poll, a root that came back).</summary>
    public void WholeNow(string root)
    {
        lock (_lock)
            _roots[root] = new RootChanges(DateTime.MinValue) { Whole = true };
    }

    /// <summary>Drops what is pending for a root that is gone; it is rescanned whole when it comes back.</summary>
    public void Forget(string root)
    {
        lock (_lock)
            _roots.Remove(root);
    }

    public int Count
    {
        get
        {
            lock (_lock)
                return _roots.Count;
        }
    }

    /// <summary>Takes the changes of every root that has been quiet long enough (or waited long enough).</summary>
    public IReadOnlyList<DueChanges> TakeDue(DateTime now)
    {
        lock (_lock)
        {
            var due = _roots.Where(pair => now - pair.Value.Last >= quiet || now - pair.Value.First >= maxDelay).ToList();
            foreach (var (root, _) in due)
                _roots.Remove(root);
            return [.. due.Select(pair => pair.Value.Whole
                ? new DueChanges(pair.Key, true, [], [])
                : new DueChanges(pair.Key, false, pair.Value.Folders, pair.Value.Trees))];
        }
    }

    private void Add(string root, string folder, bool tree, DateTime now)
    {
        if (folder != root && !Walking.MediaWalker.IsUnder(folder, root))
            return;
        lock (_lock)
        {
            var changes = Changes(root, now);
            changes.Last = now;
            if (changes.Whole)
                return;
            if (tree && folder == root)
            {
                MarkWhole(changes, now);
                return;
            }
            (tree ? changes.Trees : changes.Folders).Add(folder);
            if (changes.Folders.Count + changes.Trees.Count > maxFoldersPerRoot)
                MarkWhole(changes, now);
        }
    }

    private RootChanges Changes(string root, DateTime now)
    {
        if (!_roots.TryGetValue(root, out var changes))
            _roots[root] = changes = new RootChanges(now);
        return changes;
    }

    private static void MarkWhole(RootChanges changes, DateTime now)
    {
        changes.Whole = true;
        changes.Last = now;
        changes.Folders.Clear();
        changes.Folders.TrimExcess();
        changes.Trees.Clear();
        changes.Trees.TrimExcess();
    }
}
