using MongoDB.Bson;
using MongoDB.Driver;
using Rayray.Core.Documents;
using Rayray.Core.Storage;
using Rayray.Core.Writing;

namespace Rayray.Storage.Mongo;

/// <summary>
/// Writes a batch as one unordered bulk write: reads the contents it touches, lets
/// <see cref="BatchPlanner"/> decide, sends the plan (<see cref="MongoWriteModels"/>), then the
/// orphans it leaves. One statement that fails does not stop the others; a replacement that
/// collides on the unique hash (another scanner changed that content at the same moment) is read
/// again and retried once.
/// </summary>
internal sealed class MongoBatchWriter(IMongoCollection<BsonDocument> media)
{
    private const string ConcurrentChange =
        "another scanner changed this content at the same moment twice running; it is left as it was and will be read again by the next scan";

    private const int RemovalChunk = 500;
    private static readonly BulkWriteOptions Unordered = new() { IsOrdered = false };

    public async Task<BatchWriteResult> WriteAsync(IReadOnlyList<MediaDocument> documents, bool prune, CancellationToken cancellationToken)
    {
        var outcomes = new DocumentWriteOutcome?[documents.Count];
        // A retried input reports the content its path held when the batch was first read.
        var firstPrevious = new Dictionary<int, string?>();
        var pending = Enumerable.Range(0, documents.Count).ToList();
        for (var attempt = 0; attempt < 2 && pending.Count > 0; attempt++)
        {
            var batch = pending.Select(i => documents[i]).ToList();
            var state = await MongoStateReader.ReadAsync(media, WriteStateRequest.For(batch), cancellationToken);
            var plan = BatchPlanner.Plan(batch, state.State, prune);
            for (var local = 0; local < batch.Count; local++)
                firstPrevious.TryAdd(pending[local], plan.Outcomes[local].PreviousHashAtPath);

            var models = MongoWriteModels.For(plan, state);
            var retry = new SortedSet<int>();
            var failed = new Dictionary<int, string>();
            foreach (var error in await BulkWriteAsync(models.Select(m => m.Model), cancellationToken))
            {
                var owner = models[error.Index];
                foreach (var input in owner.Inputs.Select(local => pending[local]))
                {
                    var changedMeanwhile = error.Category == ServerErrorCategory.DuplicateKey && owner.IsReplacement;
                    if (changedMeanwhile && attempt == 0)
                        retry.Add(input);
                    else
                        failed.TryAdd(input, changedMeanwhile ? $"{ConcurrentChange} ({error.Message})" : error.Message);
                }
            }
            await ReleaseOrphansAsync(plan.Orphans, cancellationToken);

            for (var local = 0; local < batch.Count; local++)
            {
                var input = pending[local];
                if (retry.Contains(input))
                    continue;
                outcomes[input] = failed.TryGetValue(input, out var message)
                    ? new DocumentWriteOutcome(false, null, message)
                    : plan.Outcomes[local] with { PreviousHashAtPath = firstPrevious[input] };
            }
            pending = [.. retry];
        }
        foreach (var input in pending)
            outcomes[input] = new DocumentWriteOutcome(false, null, ConcurrentChange);
        return new BatchWriteResult([.. outcomes.Select(o => o!)]);
    }

    /// <summary>Removes vanished paths from their documents; those left with no location become missing (or are deleted).</summary>
    public async Task<MissingLocationsResult> RemoveLocationsAsync(IReadOnlyList<string> paths, bool prune, CancellationToken cancellationToken)
    {
        var removed = new Dictionary<string, int>(StringComparer.Ordinal);
        int missing = 0, pruned = 0;
        foreach (var chunk in paths.Distinct(StringComparer.Ordinal).Chunk(RemovalChunk))
        {
            var state = await MongoStateReader.ReadAsync(media, WriteStateRequest.ForRemoval(chunk), cancellationToken);
            var plan = RemovalPlanner.Plan(chunk, state.State, prune);
            var refused = await BulkWriteAsync(plan.Releases.Select(MongoWriteModels.Release), cancellationToken);
            if (refused.Count > 0)
                throw new StoreException($"MongoDB refused to remove vanished locations: {refused[0].Message}");
            await ReleaseOrphansAsync(plan.Orphans, cancellationToken);
            refused = await BulkWriteAsync(plan.StackChanges.Select(MongoWriteModels.Stack), cancellationToken);
            if (refused.Count > 0)
                throw new StoreException($"MongoDB refused to update the stacks of removed files: {refused[0].Message}");
            foreach (var (id, count) in plan.RemovedByDocument)
                removed[id] = removed.GetValueOrDefault(id) + count;
            missing += plan.Result.DocumentsNowMissing;
            pruned += plan.Result.DocumentsPruned;
        }
        return new MissingLocationsResult(removed, missing, pruned);
    }

    /// <summary>Orphans go after the statements that took their paths: an unordered bulk write has no order.</summary>
    private async Task ReleaseOrphansAsync(IReadOnlyList<OrphanRelease> orphans, CancellationToken cancellationToken)
    {
        var refused = await BulkWriteAsync(orphans.Select(MongoWriteModels.Orphan), cancellationToken);
        if (refused.Count > 0)
            throw new StoreException($"MongoDB refused to mark content without locations: {refused[0].Message}");
    }

    /// <summary>The statements that failed; a lost write concern fails the whole batch (transient: it is written again).</summary>
    private async Task<IReadOnlyList<BulkWriteError>> BulkWriteAsync(IEnumerable<WriteModel<BsonDocument>> models, CancellationToken cancellationToken)
    {
        var list = models.ToList();
        if (list.Count == 0)
            return [];
        try
        {
            await media.BulkWriteAsync(list, Unordered, cancellationToken);
            return [];
        }
        catch (MongoBulkWriteException<BsonDocument> e)
        {
            if (e.WriteConcernError is { } concern)
                throw new StoreException($"MongoDB did not confirm the batch (write concern): {concern.Message}", isTransient: true, e);
            return e.WriteErrors;
        }
    }
}
