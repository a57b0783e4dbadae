using Rayray.Core.Storage;
using Serilog;

namespace Rayray.Core.Scanning;

/// <summary>
/// After a complete walk, removes the recorded locations whose files are gone: known paths in
/// listed folders that no longer exist, and every path of known folders that no longer exist.
/// Only paths under the scanned roots are touched; nothing under a folder the walk could not read
/// is; and a root that holds no media at all while the store knows files under it is left alone
/// (an unmounted share looks like an empty folder).
/// </summary>
internal sealed class MissingSweep(IMediaStore store, ILogger log)
{
    private const int BatchSize = 1000;

    /// <summary>
    /// True when every file known in <paramref name="folder"/> lived on a device other than the
    /// one its nearest existing folder is on now: a share mounted there during the last scan and
    /// gone (unmounted, or disconnected mid-scan) now. Files deleted from a folder that is still
    /// there share its device and are truly gone.
    /// </summary>
    private static bool LooksUnmounted(string root, string folder, IEnumerable<KnownLocation> known)
    {
        var devices = known.Select(k => k.Device).ToList();
        if (devices.Count == 0 || devices.Any(d => d is null))
            return false;
        for (var at = folder; at is not null && (at == root || Walking.MediaWalker.IsUnder(at, root)); at = Path.GetDirectoryName(at))
        {
            try
            {
                var now = Walking.FileStatReader.Stat(at, followLinks: true);
                return now.Device is { } device && devices.TrueForAll(d => d != device);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // not there either: look one level up
            }
        }
        return false;
    }

    /// <param name="scope">The part of the roots the walk listed; null: all of it.</param>
    /// <param name="onRemoved">Told the paths whose locations were removed, batch by batch.</param>
    public async Task<(int Removed, IReadOnlyDictionary<string, int> RemovedByDocument, int DocumentsMissing, int DocumentsPruned)> RunAsync(
        IReadOnlyList<string> roots, WalkRecord record, bool prune, Walking.WalkScope? scope, Action<IReadOnlyList<string>>? onRemoved, CancellationToken cancellationToken)
    {
        var gone = new List<string>(record.GonePaths);
        var unmounted = new List<string>();
        foreach (var root in roots)
        {
            if (File.Exists(root) || record.IsUnderFailure(root))
                continue;
            var whole = scope is null || scope.Covers(root);
            var knownFolders = whole ? await store.GetKnownFoldersAsync(root, cancellationToken) : await KnownFoldersInScopeAsync(root, scope!, cancellationToken);
            // Only a whole walk can tell a root with no media left from one emptied by a scoped walk.
            if (whole && knownFolders.Count > 0 && record.CandidatesUnder(root) == 0)
            {
                log.Warning("{Root:l} holds no media files now, though files under it are indexed: is it mounted? Nothing under it is marked missing", root);
                gone.RemoveAll(path => Walking.MediaWalker.IsUnder(path, root));
                continue;
            }
            foreach (var folder in knownFolders)
            {
                if (record.WasReconciled(folder) || record.IsUnderFailure(folder))
                    continue;
                var folderGone = !record.WasListed(folder) && !Walking.MediaWalker.Exists(folder);
                if (!folderGone && !record.WasListed(folder))
                    continue; // still there but not walked (excluded, hidden, a system folder): not gone
                var known = await store.GetKnownLocationsAsync(folder, cancellationToken);
                var vanished = folderGone ? known.Keys.ToList() : known.Keys.Where(path => !Walking.MediaWalker.Exists(path)).ToList();
                if (vanished.Count > 0 && vanished.Count == known.Count && LooksUnmounted(root, folder, known.Values))
                {
                    unmounted.Add(folder);
                    continue;
                }
                gone.AddRange(vanished);
            }
        }

        if (unmounted.Count > 0)
        {
            log.Warning("{Folder:l} and {Others} more folders: their files were on a file system that is not there now (an unmounted or disconnected share?); nothing in them is marked missing",
                unmounted[0], unmounted.Count - 1);
        }

        var removedByDocument = new Dictionary<string, int>(StringComparer.Ordinal);
        int missing = 0, pruned = 0;
        foreach (var chunk in gone.Distinct(StringComparer.Ordinal).Chunk(BatchSize))
        {
            var result = await store.RemoveLocationsAsync(chunk, prune, cancellationToken);
            onRemoved?.Invoke(chunk);
            foreach (var (id, count) in result.RemovedByDocument)
                removedByDocument[id] = removedByDocument.GetValueOrDefault(id) + count;
            missing += result.DocumentsNowMissing;
            pruned += result.DocumentsPruned;
        }
        var removed = removedByDocument.Values.Sum();
        if (removed > 0)
            log.Information("{Removed} locations are gone: {Missing} documents are now missing, {Pruned} were pruned", removed, missing, pruned);
        return (removed, removedByDocument, missing, pruned);
    }

    /// <summary>The known folders a scoped walk answers for under <paramref name="root"/>: its folders, and every known folder in its trees.</summary>
    private async Task<IReadOnlyList<string>> KnownFoldersInScopeAsync(string root, Walking.WalkScope scope, CancellationToken cancellationToken)
    {
        var folders = new List<string>(scope.Folders.Where(f => f == root || Walking.MediaWalker.IsUnder(f, root)));
        foreach (var tree in scope.Trees.Where(t => Walking.MediaWalker.IsUnder(t, root)))
            folders.AddRange(await store.GetKnownFoldersAsync(tree, cancellationToken));
        return [.. folders.Distinct(StringComparer.Ordinal)];
    }
}
