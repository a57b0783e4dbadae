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

    public async Task<(int Removed, IReadOnlyDictionary<string, int> RemovedByDocument, int DocumentsMissing, int DocumentsPruned)> RunAsync(
        IReadOnlyList<string> roots, WalkRecord record, bool prune, CancellationToken cancellationToken)
    {
        var gone = new List<string>(record.GonePaths);
        foreach (var root in roots)
        {
            if (File.Exists(root) || record.IsUnderFailure(root))
                continue;
            var knownFolders = await store.GetKnownFoldersAsync(root, cancellationToken);
            if (knownFolders.Count > 0 && record.CandidatesUnder(root) == 0)
            {
                log.Warning("{Root:l} holds no media files now, though files under it are indexed: is it mounted? Nothing under it is marked missing", root);
                gone.RemoveAll(path => Walking.MediaWalker.IsUnder(path, root));
                continue;
            }
            foreach (var folder in knownFolders)
            {
                if (record.WasReconciled(folder) || record.IsUnderFailure(folder))
                    continue;
                var folderGone = !record.WasListed(folder) && !Directory.Exists(folder);
                if (!folderGone && !record.WasListed(folder))
                    continue; // still there but not walked (excluded, hidden, a system folder): not gone
                var known = await store.GetKnownLocationsAsync(folder, cancellationToken);
                gone.AddRange(folderGone ? known.Keys : known.Keys.Where(path => !File.Exists(path)));
            }
        }

        var removedByDocument = new Dictionary<string, int>(StringComparer.Ordinal);
        int missing = 0, pruned = 0;
        foreach (var chunk in gone.Distinct(StringComparer.Ordinal).Chunk(BatchSize))
        {
            var result = await store.RemoveLocationsAsync(chunk, prune, cancellationToken);
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
}
