using Rayray.Core.Documents;
using Rayray.Core.Extraction;
using Rayray.Core.Storage;
using Rayray.Mongo.Bson;
using Rayray.Mongo.Client;

namespace Rayray.Storage.Mongo;

/// <summary>
/// Writes a batch as one <c>update</c> command of unordered statements. The documents the batch
/// touches are read first (by hash and by path), the batch is played out on them in memory — the
/// same rules as the SQLite store: a known hash gains the location, a path whose bytes changed
/// leaves its old content, a copy keeps the first name — and each content becomes one statement:
/// a replacement upserted on <c>_id</c> + <c>file.hash</c> <i>and the locations it was read with</i>.
/// If another scanner changed that content in between, the filter no longer matches, the upsert
/// collides on the unique key (11000), and that content is read again and retried once. Content
/// that only loses a path gets a <c>$pull</c>; a Live Photo partner outside the batch an <c>$addToSet</c>.
/// </summary>
internal sealed class MongoBatchWriter(MongoCommands commands)
{
    private const string ConcurrentChange =
        "another scanner changed this content at the same moment twice running; it is left as it was and will be read again by the next scan";

    public async Task<BatchWriteResult> WriteAsync(IReadOnlyList<MediaDocument> documents, bool prune, CancellationToken cancellationToken)
    {
        var outcomes = new DocumentWriteOutcome?[documents.Count];
        var firstPrevious = new Dictionary<int, string?>();
        var pending = Enumerable.Range(0, documents.Count).ToList();
        for (var attempt = 0; attempt < 2 && pending.Count > 0; attempt++)
        {
            var plan = await BatchPlan.BuildAsync(commands, documents, pending, cancellationToken);
            foreach (var input in pending)
                firstPrevious.TryAdd(input, plan.PreviousHash[input]);

            var result = await commands.UpdateAsync(MongoNames.Media, plan.Statements, cancellationToken);
            if (result.WriteConcernError is { } concern)
                throw new StoreException($"MongoDB did not confirm the batch (write concern): {concern}", isTransient: true);

            var retry = new SortedSet<int>();
            var failed = new Dictionary<int, string>();
            foreach (var error in result.WriteErrors)
            {
                var statement = plan.Owners[error.Index];
                foreach (var input in statement.Inputs)
                {
                    if (error.IsDuplicateKey && statement.IsReplacement && attempt == 0)
                        retry.Add(input);
                    else
                        failed.TryAdd(input, error.IsDuplicateKey && statement.IsReplacement ? $"{ConcurrentChange} ({error.Message})" : error.Message);
                }
            }

            var orphans = plan.OrphanCandidates.Where(o => !retry.Contains(o.Value) && !failed.ContainsKey(o.Value)).ToDictionary();
            var fates = await ReleaseOrphansAsync(orphans.Keys, prune, cancellationToken);
            foreach (var input in pending.Where(i => !retry.Contains(i)))
            {
                if (failed.TryGetValue(input, out var message))
                {
                    outcomes[input] = new DocumentWriteOutcome(false, null, message);
                    continue;
                }
                var fate = orphans.Where(o => o.Value == input).Select(o => fates.GetValueOrDefault(o.Key)).FirstOrDefault(f => f != OrphanFate.None);
                outcomes[input] = new DocumentWriteOutcome(plan.NewContent[input], firstPrevious[input], PreviousContentLeft: fate);
            }
            pending = [.. retry];
        }
        foreach (var input in pending)
            outcomes[input] = new DocumentWriteOutcome(false, null, ConcurrentChange);
        return new BatchWriteResult([.. outcomes.Select(o => o!)]);
    }

    /// <summary>
    /// Removes vanished paths from their documents; documents left with no location become missing
    /// (or are deleted with <paramref name="prune"/>; placeholders for unreadable files always are).
    /// </summary>
    public async Task<MissingLocationsResult> RemoveLocationsAsync(IReadOnlyList<string> paths, bool prune, CancellationToken cancellationToken)
    {
        var removed = new Dictionary<string, int>(StringComparer.Ordinal);
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in paths.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var wanted = new HashSet<string>(chunk, StringComparer.Ordinal);
            var holders = await commands.FindListAsync(MongoNames.Media,
                new BsonDocument("locations.path", new BsonDocument("$in", new BsonArray(chunk.Select(p => (BsonValue)p)))),
                new BsonDocument { { "file.hash", 1 }, { "locations.path", 1 } }, cancellationToken);
            var statements = new List<BsonDocument>();
            foreach (var holder in holders)
            {
                var hash = holder["file"].AsDocument["hash"].AsString;
                var gone = MongoDocuments.LocationPaths(holder).Where(wanted.Contains).ToList();
                if (gone.Count == 0)
                    continue;
                var id = holder["_id"].ToString() ?? "";
                removed[id] = removed.GetValueOrDefault(id) + gone.Count;
                touched.Add(hash);
                statements.Add(PullPaths(hash, gone));
            }
            var result = await commands.UpdateAsync(MongoNames.Media, statements, cancellationToken);
            if (result.WriteErrors.Count > 0)
                throw new StoreException($"MongoDB refused to remove vanished locations: {result.WriteErrors[0].Message}");
        }
        var fates = await ReleaseOrphansAsync(touched, prune, cancellationToken);
        return new MissingLocationsResult(removed, fates.Values.Count(f => f == OrphanFate.Missing), fates.Values.Count(f => f == OrphanFate.Deleted));
    }

    internal static BsonDocument PullPaths(string hash, IReadOnlyCollection<string> paths) =>
        MongoCommands.Update(
            new BsonDocument("file.hash", hash),
            new BsonDocument("$pull", new BsonDocument("locations", new BsonDocument("path", new BsonDocument("$in", new BsonArray(paths.Select(p => (BsonValue)p)))))));

    /// <summary>Marks missing (or deletes) those of these contents that have no location left; each guarded by "still none".</summary>
    private async Task<Dictionary<string, OrphanFate>> ReleaseOrphansAsync(IEnumerable<string> hashes, bool prune, CancellationToken cancellationToken)
    {
        var fates = new Dictionary<string, OrphanFate>(StringComparer.Ordinal);
        var candidates = hashes.ToList();
        if (candidates.Count == 0)
            return fates;
        var empty = new BsonDocument("$size", 0);
        var orphans = await commands.FindListAsync(MongoNames.Media,
            new BsonDocument { { "file.hash", new BsonDocument("$in", new BsonArray(candidates.Select(h => (BsonValue)h))) }, { "locations", empty } },
            new BsonDocument("file.hash", 1), cancellationToken);
        var deletes = new List<BsonDocument>();
        var marks = new List<BsonDocument>();
        foreach (var orphan in orphans)
        {
            var hash = orphan["file"].AsDocument["hash"].AsString;
            var guard = new BsonDocument { { "file.hash", hash }, { "locations", empty } };
            if (prune || UnreadableHash.IsPlaceholder(hash))
            {
                deletes.Add(MongoCommands.Delete(guard));
                fates[hash] = OrphanFate.Deleted;
            }
            else
            {
                marks.Add(MongoCommands.Update(guard, new BsonDocument("$set", new BsonDocument("status", "missing"))));
                fates[hash] = OrphanFate.Missing;
            }
        }
        var deleted = await commands.DeleteAsync(MongoNames.Media, deletes, cancellationToken);
        var marked = await commands.UpdateAsync(MongoNames.Media, marks, cancellationToken);
        if (deleted.WriteErrors.Concat(marked.WriteErrors).FirstOrDefault() is { } error)
            throw new StoreException($"MongoDB refused to mark content without locations: {error.Message}");
        return fates;
    }
}
