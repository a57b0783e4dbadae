using Rayray.Core.Storage;
using Rayray.Mongo.Bson;
using Rayray.Mongo.Client;

namespace Rayray.Storage.Mongo;

/// <summary>
/// Scan history in <c>scans</c> (ids from a counter in <c>rayray_meta</c>) and the scan lock in
/// <c>locks</c>: one document per root, a lease renewed while the scan runs. A lock whose lease ran
/// out (or whose process on this host is gone) is taken over and its run recorded as interrupted.
/// Two scanners racing for overlapping roots both insert, both look again, and the later run backs off.
/// </summary>
internal sealed class MongoScanBookkeeping(MongoCommands commands)
{
    private const string Interrupted = "the scan ended without finishing (killed or crashed); its lock was taken over";

    public static string RootsKey(IReadOnlyList<string> roots) => string.Join('\n', roots.Order(StringComparer.Ordinal));

    public async Task<ScanRun> StartAsync(ScanRun run, CancellationToken cancellationToken)
    {
        var id = await NextRunIdAsync(cancellationToken);
        var document = new BsonDocument
        {
            { "_id", id },
            { "roots", new BsonArray(run.Roots.Select(r => (BsonValue)r)) },
            { "rootsKey", RootsKey(run.Roots) },
            { "startedUtc", BsonDateTime.From(run.StartedUtc) },
            { "status", ScanRun.StatusName(ScanRunStatus.Running) },
        }.AddIfNotNull("host", run.Host is { } host ? new BsonString(host) : null).AddIfNotNull("pid", run.ProcessId is { } pid ? new BsonInt32(pid) : null);
        var result = await commands.InsertAsync(MongoNames.Scans, [document], cancellationToken);
        if (result.WriteErrors.Count > 0 && result.WriteErrors[0] is { IsDuplicateKey: false } error)
            throw new StoreException($"MongoDB refused to record the scan: {error.Message}");
        return run with { Id = id, Status = ScanRunStatus.Running };
    }

    public async Task FinishAsync(ScanRun run, CancellationToken cancellationToken)
    {
        var fields = new BsonDocument
        {
            { "endedUtc", BsonDateTime.From(run.EndedUtc ?? DateTime.UtcNow) },
            { "status", ScanRun.StatusName(run.Status) },
            { "seen", run.Seen },
            { "new", run.New },
            { "changed", run.Changed },
            { "moved", run.Moved },
            { "copied", run.Copied },
            { "missing", run.Missing },
            { "invalid", run.Invalid },
            { "bytesRead", run.BytesRead },
        }.AddIfNotNull("error", run.Error is { } error ? new BsonString(error) : null);
        await commands.UpdateAsync(MongoNames.Scans, [MongoCommands.Update(new BsonDocument("_id", run.Id), new BsonDocument("$set", fields))], cancellationToken);
    }

    public async Task<IReadOnlyList<ScanRun>> RunsAsync(BsonDocument filter, int limit, CancellationToken cancellationToken)
    {
        var documents = await commands.FindListAsync(MongoNames.Scans, filter, null, cancellationToken, new BsonDocument("_id", -1), limit);
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
            { "startedUtc", BsonDateTime.From(holder.StartedUtc) },
            { "renewedUtc", BsonDateTime.From(now) },
            { "expiresUtc", BsonDateTime.From(now + ScanLockRules.ExpiresAfter) },
        }).ToList();
        var inserted = await commands.InsertAsync(MongoNames.Locks, locks, cancellationToken);
        if (inserted.WriteErrors.Count > 0)
        {
            // A duplicate _id is a root locked in between (or our own insert, retried after a lost reply).
            conflict = await FindConflictAsync(roots, holder.RunId, takeOverStale: false, cancellationToken);
            if (conflict is not null || inserted.WriteErrors.Any(e => !e.IsDuplicateKey))
            {
                await ReleaseAsync(holder.RunId, cancellationToken);
                return conflict ?? throw new StoreException($"MongoDB refused the scan lock: {inserted.WriteErrors[0].Message}");
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
        return commands.UpdateAsync(MongoNames.Locks,
        [
            MongoCommands.Update(new BsonDocument("runId", runId), new BsonDocument("$set", new BsonDocument
            {
                { "renewedUtc", BsonDateTime.From(now) },
                { "expiresUtc", BsonDateTime.From(now + ScanLockRules.ExpiresAfter) },
            }), multi: true),
        ], cancellationToken);
    }

    public Task ReleaseAsync(long runId, CancellationToken cancellationToken) =>
        commands.DeleteAsync(MongoNames.Locks, [MongoCommands.Delete(new BsonDocument("runId", runId), all: true)], cancellationToken);

    private async Task<ScanLockResult?> FindConflictAsync(IReadOnlyList<string> roots, long runId, bool takeOverStale, CancellationToken cancellationToken, bool onlyEarlierRuns = false)
    {
        var now = DateTime.UtcNow;
        var stale = new Dictionary<long, DateTime>();
        foreach (var held in await commands.FindListAsync(MongoNames.Locks, new BsonDocument(), null, cancellationToken))
        {
            var root = held["_id"].AsString;
            var other = new ScanLockHolder(
                held["host"].AsString,
                (int)held["pid"].ToInt64(),
                Time(held, "startedUtc") ?? now,
                held["runId"].ToInt64());
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
            await commands.UpdateAsync(MongoNames.Scans,
            [
                MongoCommands.Update(
                    new BsonDocument { { "_id", staleRun }, { "status", ScanRun.StatusName(ScanRunStatus.Running) } },
                    new BsonDocument("$set", new BsonDocument { { "status", ScanRun.StatusName(ScanRunStatus.Interrupted) }, { "error", Interrupted }, { "endedUtc", BsonDateTime.From(renewed) } })),
            ], cancellationToken);
            await commands.DeleteAsync(MongoNames.Locks, [MongoCommands.Delete(new BsonDocument("runId", staleRun), all: true)], cancellationToken);
        }
        return null;
    }

    private async Task<long> NextRunIdAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var reply = await commands.RunAsync(new BsonDocument
                {
                    { "findAndModify", MongoNames.Meta },
                    { "query", new BsonDocument("_id", MongoNames.ScanCounterId) },
                    { "update", new BsonDocument("$inc", new BsonDocument("next", 1L)) },
                    { "upsert", true },
                    { "new", true },
                }, cancellationToken);
                return reply["value"].AsDocument["next"].ToInt64();
            }
            catch (MongoCommandException ex) when (ex.Code == MongoErrorCodes.DuplicateKey && attempt == 0)
            {
                // Two first scans created the counter at once; the second try increments it.
            }
        }
    }

    private static ScanRun ToRun(BsonDocument document) => new()
    {
        Id = document["_id"].ToInt64(),
        Roots = document.GetValueOrDefault("roots") is BsonArray roots ? [.. roots.OfType<BsonString>().Select(r => r.Value)] : [],
        StartedUtc = Time(document, "startedUtc") ?? DateTime.UnixEpoch,
        EndedUtc = Time(document, "endedUtc"),
        Status = ScanRun.StatusFrom(document.GetValueOrDefault("status") is BsonString status ? status.Value : "failed"),
        Host = document.GetValueOrDefault("host") is BsonString host ? host.Value : null,
        ProcessId = document.GetValueOrDefault("pid") is { IsNumeric: true } pid ? (int)pid.ToInt64() : null,
        Seen = Count(document, "seen"),
        New = Count(document, "new"),
        Changed = Count(document, "changed"),
        Moved = Count(document, "moved"),
        Copied = Count(document, "copied"),
        Missing = Count(document, "missing"),
        Invalid = Count(document, "invalid"),
        BytesRead = Count(document, "bytesRead"),
        Error = document.GetValueOrDefault("error") is BsonString error ? error.Value : null,
    };

    private static long Count(BsonDocument document, string name) => document.GetValueOrDefault(name) is { IsNumeric: true } value ? value.ToInt64() : 0;

    private static DateTime? Time(BsonDocument document, string name) =>
        document.GetValueOrDefault(name) is BsonDateTime time ? DateTime.SpecifyKind(time.ToDateTime() ?? DateTime.UnixEpoch, DateTimeKind.Utc) : null;
}
