using MongoDB.Bson;
using MongoDB.Driver;
using Rayray.Core.Storage;

namespace Rayray.Storage.Mongo;

/// <summary>
/// Scan history in <c>scans</c> (ids from a counter in <c>rayray_meta</c>) and the scan lock in
/// <c>locks</c>: one document per root, a lease renewed while the scan runs. A lock whose lease ran
/// out (or whose process on this host is gone) is taken over and its run recorded as interrupted.
/// Two scanners racing for overlapping roots both insert, both look again, and the later run backs off.
/// </summary>
internal sealed class MongoScanBookkeeping(MongoCollections collections)
{
    private const string Interrupted = "the scan ended without finishing (killed or crashed); its lock was taken over";

    public static string RootsKey(IReadOnlyList<string> roots) => string.Join('\n', roots.Order(StringComparer.Ordinal));

    public async Task<ScanRun> StartAsync(ScanRun run, CancellationToken cancellationToken)
    {
        var id = await NextRunIdAsync(cancellationToken);
        var document = new BsonDocument
        {
            { "_id", id },
            { "roots", new BsonArray(run.Roots) },
            { "rootsKey", RootsKey(run.Roots) },
            { "startedUtc", new BsonDateTime(run.StartedUtc) },
            { "status", ScanRun.StatusName(ScanRunStatus.Running) },
        };
        if (run.Host is { } host)
            document["host"] = host;
        if (run.ProcessId is { } pid)
            document["pid"] = pid;
        await collections.Scans.InsertOneAsync(document, cancellationToken: cancellationToken);
        return run with { Id = id, Status = ScanRunStatus.Running };
    }

    public Task FinishAsync(ScanRun run, CancellationToken cancellationToken)
    {
        var fields = new BsonDocument
        {
            { "status", ScanRun.StatusName(run.Status) },
            { "seen", run.Seen },
            { "new", run.New },
            { "changed", run.Changed },
            { "moved", run.Moved },
            { "copied", run.Copied },
            { "missing", run.Missing },
            { "invalid", run.Invalid },
            { "bytesRead", run.BytesRead },
        };
        if (run.Status != ScanRunStatus.Running)
            fields["endedUtc"] = new BsonDateTime(run.EndedUtc ?? DateTime.UtcNow);
        if (run.Error is { } error)
            fields["error"] = error;
        return collections.Scans.UpdateOneAsync(new BsonDocument("_id", run.Id), new BsonDocument("$set", fields), cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<ScanRun>> RunsAsync(BsonDocument filter, int limit, CancellationToken cancellationToken)
    {
        var documents = await collections.Scans.Find(filter).Sort(new BsonDocument("_id", -1)).Limit(limit).ToListAsync(cancellationToken);
        return [.. documents.Select(ToRun)];
    }

    public async Task<ScanLockResult> TryLockAsync(IReadOnlyList<string> roots, ScanLockHolder holder, CancellationToken cancellationToken)
    {
        var conflict = await FindConflictAsync(roots, holder.RunId, takeOverStale: true, cancellationToken);
        if (conflict is not null)
            return conflict;

        var now = DateTime.UtcNow;
        var locks = roots.Distinct(StringComparer.Ordinal).Select(root => new BsonDocument
        {
            { "_id", root },
            { "runId", holder.RunId },
            { "host", holder.Host },
            { "pid", holder.ProcessId },
            { "startedUtc", new BsonDateTime(holder.StartedUtc) },
            { "renewedUtc", new BsonDateTime(now) },
            { "expiresUtc", new BsonDateTime(now + ScanLockRules.ExpiresAfter) },
        }).ToList();
        try
        {
            await collections.Locks.InsertManyAsync(locks, new InsertManyOptions { IsOrdered = false }, cancellationToken);
        }
        catch (MongoBulkWriteException<BsonDocument> e) when (e.WriteConcernError is null)
        {
            // A duplicate _id is a root locked in between (or our own insert, retried after a lost reply).
            conflict = await FindConflictAsync(roots, holder.RunId, takeOverStale: false, cancellationToken);
            if (conflict is not null || e.WriteErrors.Any(w => w.Category != ServerErrorCategory.DuplicateKey))
            {
                await ReleaseAsync(holder.RunId, cancellationToken);
                return conflict ?? throw new StoreException($"MongoDB refused the scan lock: {e.WriteErrors[0].Message}", e);
            }
        }

        // Both of two racing scanners get here; the one with the later run id backs off.
        conflict = await FindConflictAsync(roots, holder.RunId, takeOverStale: false, cancellationToken, onlyEarlierRuns: true);
        if (conflict is not null)
        {
            await ReleaseAsync(holder.RunId, cancellationToken);
            return conflict;
        }
        return ScanLockResult.Granted;
    }

    public Task RenewAsync(long runId, CancellationToken cancellationToken)
    {
        var now = DateTime.UtcNow;
        return collections.Locks.UpdateManyAsync(
            new BsonDocument("runId", runId),
            new BsonDocument("$set", new BsonDocument
            {
                { "renewedUtc", new BsonDateTime(now) },
                { "expiresUtc", new BsonDateTime(now + ScanLockRules.ExpiresAfter) },
            }),
            cancellationToken: cancellationToken);
    }

    public Task ReleaseAsync(long runId, CancellationToken cancellationToken) =>
        collections.Locks.DeleteManyAsync(new BsonDocument("runId", runId), cancellationToken);

    private async Task<ScanLockResult?> FindConflictAsync(IReadOnlyList<string> roots, long runId, bool takeOverStale, CancellationToken cancellationToken, bool onlyEarlierRuns = false)
    {
        var now = DateTime.UtcNow;
        var stale = new Dictionary<long, DateTime>();
        foreach (var held in await collections.Locks.Find(new BsonDocument()).ToListAsync(cancellationToken))
        {
            var root = held["_id"].AsString;
            var other = new ScanLockHolder(held.Text("host") ?? "?", (int)held.Number("pid"), Time(held, "startedUtc") ?? now, held.Number("runId"));
            if (other.RunId == runId || !roots.Any(r => ScanLockRules.Overlap(r, root)))
                continue;
            var renewed = Time(held, "renewedUtc") ?? DateTime.MinValue;
            if (ScanLockRules.IsStale(other, renewed, now))
            {
                if (takeOverStale)
                    stale[other.RunId] = renewed;
                continue;
            }
            if (!onlyEarlierRuns || other.RunId < runId)
                return new ScanLockResult(false, other, root);
        }
        foreach (var (staleRun, renewed) in stale)
        {
            await collections.Scans.UpdateOneAsync(
                new BsonDocument { { "_id", staleRun }, { "status", ScanRun.StatusName(ScanRunStatus.Running) } },
                new BsonDocument("$set", new BsonDocument
                {
                    { "status", ScanRun.StatusName(ScanRunStatus.Interrupted) },
                    { "error", Interrupted },
                    { "endedUtc", new BsonDateTime(renewed) },
                }),
                cancellationToken: cancellationToken);
            await collections.Locks.DeleteManyAsync(new BsonDocument("runId", staleRun), cancellationToken);
        }
        return null;
    }

    private async Task<long> NextRunIdAsync(CancellationToken cancellationToken)
    {
        var options = new FindOneAndUpdateOptions<BsonDocument> { IsUpsert = true, ReturnDocument = ReturnDocument.After };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var counter = await collections.Meta.FindOneAndUpdateAsync<BsonDocument>(
                    new BsonDocument("_id", MongoNames.ScanCounterId),
                    new BsonDocument("$inc", new BsonDocument("next", 1L)),
                    options,
                    cancellationToken);
                return counter.Number("next");
            }
            catch (MongoCommandException e) when (e.Code == MongoErrorCodes.DuplicateKey && attempt == 0)
            {
                // Two first scans created the counter at once; the second try increments it.
            }
        }
    }

    private static ScanRun ToRun(BsonDocument document) => new()
    {
        Id = document["_id"].ToInt64(),
        Roots = document.Field("roots") is BsonArray roots ? [.. roots.OfType<BsonString>().Select(r => r.Value)] : [],
        StartedUtc = Time(document, "startedUtc") ?? DateTime.UnixEpoch,
        EndedUtc = Time(document, "endedUtc"),
        Status = ScanRun.StatusFrom(document.Text("status") ?? "failed"),
        Host = document.Text("host"),
        ProcessId = document.Field("pid") is { IsNumeric: true } pid ? (int)pid.ToInt64() : null,
        Seen = document.Number("seen"),
        New = document.Number("new"),
        Changed = document.Number("changed"),
        Moved = document.Number("moved"),
        Copied = document.Number("copied"),
        Missing = document.Number("missing"),
        Invalid = document.Number("invalid"),
        BytesRead = document.Number("bytesRead"),
        Error = document.Text("error"),
    };

    private static DateTime? Time(BsonDocument document, string name) =>
        document.Field(name) is BsonDateTime time ? time.ToUniversalTime() : null;
}
