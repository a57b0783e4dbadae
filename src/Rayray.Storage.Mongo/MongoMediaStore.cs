using System.Runtime.CompilerServices;
using MongoDB.Bson;
using MongoDB.Driver;
using Rayray.Core.Documents;
using Rayray.Core.Query;
using Rayray.Core.Storage;

namespace Rayray.Storage.Mongo;

/// <summary>
/// The MongoDB store, through the official driver (which owns connection strings, authentication,
/// TLS, server discovery, pooling and retryable writes): the <c>media_files</c> collection holds the
/// schema documents as they are (with each location's folder added for change detection),
/// <c>scans</c> the history, <c>locks</c> the scan lock, <c>rayray_meta</c> the schema version.
/// Every call carries a cancellation token — a stop, joined with the operation timeout (the driver
/// ignores the URI's timeoutMS) — and every failure becomes a <see cref="StoreException"/> naming
/// the server, never the password (<see cref="MongoErrors"/>).
/// </summary>
public sealed class MongoMediaStore : IMediaStore
{
    private readonly MongoStoreTarget _target;
    private readonly Lazy<MongoClient> _client;
    private readonly Lazy<MongoCollections> _collections;

    public MongoMediaStore(MongoStoreTarget target)
    {
        _target = target;
        _client = new Lazy<MongoClient>(() => new MongoClient(target.Settings()));
        _collections = new Lazy<MongoCollections>(() => new MongoCollections(_client.Value.GetDatabase(target.Database)));
    }

    /// <summary>Parses a mongodb:// or mongodb+srv:// URI; a bad one throws <see cref="StoreException"/> saying what is wrong.</summary>
    public static MongoMediaStore Open(string uri) => new(MongoStoreTarget.Parse(uri));

    public string Address => _target.DisplayAddress;

    public Task InitializeAsync(CancellationToken cancellationToken) =>
        RunAsync("creating the indexes", async (db, token) =>
        {
            var schema = await db.Meta.Find(new BsonDocument("_id", MongoNames.SchemaDocumentId)).FirstOrDefaultAsync(token);
            if (schema.Number("version") > MongoNames.SchemaVersion)
                throw new StoreException($"the database at {Address} has rayray schema version {schema.Number("version")}, newer than this rayray understands ({MongoNames.SchemaVersion}); upgrade rayray");
            await MongoIndexes.EnsureAsync(db.Media, MongoIndexes.Media, Address, token);
            await MongoIndexes.EnsureAsync(db.Scans, MongoIndexes.Scans, Address, token);
            await MongoIndexes.EnsureAsync(db.Locks, MongoIndexes.Locks, Address, token);
            if (schema.Number("version") < MongoNames.TagKeysVersion)
                await MongoTagKeysBackfill.RunAsync(db.Media, token);
            await db.Meta.UpdateOneAsync(
                new BsonDocument("_id", MongoNames.SchemaDocumentId),
                new BsonDocument("$set", new BsonDocument("version", MongoNames.SchemaVersion)),
                new UpdateOptions { IsUpsert = true },
                token);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyDictionary<string, KnownLocation>> GetKnownLocationsAsync(string folder, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyDictionary<string, KnownLocation>>("looking up known files", async (db, token) =>
        {
            var known = new Dictionary<string, KnownLocation>(StringComparer.Ordinal);
            var projection = new BsonDocument { { "file.hash", 1 }, { "status", 1 }, { "locations", 1 } };
            using var cursor = await db.Media.Find(new BsonDocument("locations.folder", folder)).Project(projection).ToCursorAsync(token);
            while (await cursor.MoveNextAsync(token))
            {
                foreach (var document in cursor.Current)
                {
                    var hash = MongoDocuments.Hash(document);
                    var status = SchemaNames.StatusFrom(document.Text("status") ?? "indexed");
                    foreach (var stored in MongoDocuments.Locations(document).Where(l => l.Text(MongoDocuments.FolderField) == folder))
                    {
                        var location = MongoStateReader.ToLocation(stored);
                        known[location.Path] = KnownLocation.Of(location, hash, status);
                    }
                }
            }
            return known;
        }, cancellationToken);

    public Task<BatchWriteResult> WriteBatchAsync(IReadOnlyList<MediaDocument> documents, bool prune, CancellationToken cancellationToken) =>
        RunAsync($"writing a batch of {documents.Count} documents", (db, token) => new MongoBatchWriter(db.Media).WriteAsync(documents, prune, token), cancellationToken);

    public Task<MissingLocationsResult> RemoveLocationsAsync(IReadOnlyList<string> paths, bool prune, CancellationToken cancellationToken) =>
        RunAsync("removing vanished locations", (db, token) => new MongoBatchWriter(db.Media).RemoveLocationsAsync(paths, prune, token), cancellationToken);

    public Task<IReadOnlyList<string>> GetKnownFoldersAsync(string root, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<string>>("listing known folders", async (db, token) =>
        {
            var trimmed = Path.TrimEndingDirectorySeparator(root);
            var prefix = trimmed + Path.DirectorySeparatorChar;
            // The root itself, or an anchored prefix (which the index on locations.folder serves as a range).
            BsonDocument Under() => new("$or", new BsonArray
            {
                new BsonDocument("locations.folder", trimmed),
                new BsonDocument("locations.folder", new BsonRegularExpression("^" + MongoQueryTranslator.EscapeRegex(prefix))),
            });
            var folders = await db.Media.AggregateToListAsync(
            [
                new BsonDocument("$match", Under()),
                new BsonDocument("$project", new BsonDocument { { "_id", 0 }, { "locations.folder", 1 } }),
                new BsonDocument("$unwind", "$locations"),
                new BsonDocument("$match", Under()),
                new BsonDocument("$group", new BsonDocument("_id", "$locations.folder")),
            ], token);
            return [.. folders.Select(f => f["_id"]).OfType<BsonString>().Select(f => f.Value).Order(StringComparer.Ordinal)];
        }, cancellationToken);

    public Task<ScanLockResult> TryLockAsync(IReadOnlyList<string> roots, ScanLockHolder holder, CancellationToken cancellationToken) =>
        RunAsync("taking the scan lock", (db, token) => new MongoScanBookkeeping(db).TryLockAsync(roots, holder, token), cancellationToken);

    public Task RenewLockAsync(long runId, CancellationToken cancellationToken) =>
        RunAsync("renewing the scan lock", async (db, token) => { await new MongoScanBookkeeping(db).RenewAsync(runId, token); return true; }, cancellationToken);

    public Task ReleaseLockAsync(long runId, CancellationToken cancellationToken) =>
        RunAsync("releasing the scan lock", async (db, token) => { await new MongoScanBookkeeping(db).ReleaseAsync(runId, token); return true; }, cancellationToken);

    public Task<ScanRun> StartRunAsync(ScanRun run, CancellationToken cancellationToken) =>
        RunAsync("recording the scan", (db, token) => new MongoScanBookkeeping(db).StartAsync(run, token), cancellationToken);

    public Task FinishRunAsync(ScanRun run, CancellationToken cancellationToken) =>
        RunAsync("recording the end of the scan", async (db, token) => { await new MongoScanBookkeeping(db).FinishAsync(run, token); return true; }, cancellationToken);

    public Task<IReadOnlyList<ScanRun>> GetRunsAsync(int limit, CancellationToken cancellationToken) =>
        RunAsync("reading the scan history", (db, token) => new MongoScanBookkeeping(db).RunsAsync(new BsonDocument(), limit, token), cancellationToken);

    public Task<ScanRun?> GetLastCompletedRunAsync(IReadOnlyList<string> roots, CancellationToken cancellationToken) =>
        RunAsync("reading the scan history", async (db, token) =>
        {
            var filter = new BsonDocument { { "rootsKey", MongoScanBookkeeping.RootsKey(roots) }, { "status", ScanRun.StatusName(ScanRunStatus.Completed) } };
            var runs = await new MongoScanBookkeeping(db).RunsAsync(filter, 1, token);
            return runs.Count > 0 ? runs[0] : null;
        }, cancellationToken);

    public Task<MediaDocument?> FindAsync(string idHashOrPath, CancellationToken cancellationToken) =>
        RunAsync("reading a document", async (db, token) =>
        {
            var key = DocumentKey.Parse(idHashOrPath);
            var filter = key.Kind switch
            {
                DocumentKeyKind.Id => new BsonDocument("_id", key.Value),
                DocumentKeyKind.Hash => new BsonDocument("file.hash", key.Value),
                _ => new BsonDocument("locations.path", key.Value),
            };
            var found = await db.Media.Find(filter).FirstOrDefaultAsync(token);
            return found is null ? null : DocumentJson.Deserialize(MongoDocuments.ToOutputJson(found));
        }, cancellationToken);

    public async Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync("checking it", async (db, token) =>
            {
                var schema = await db.Meta.Find(new BsonDocument("_id", MongoNames.SchemaDocumentId)).FirstOrDefaultAsync(token);
                if (schema is null)
                    return new StoreHealth { Address = Address, CurrentSchemaVersion = MongoNames.SchemaVersion, NotCreatedYet = true };
                using var indexes = await db.Media.Indexes.ListAsync(token);
                var present = (await indexes.ToListAsync(token)).Select(i => i.Text("name")).OfType<string>().ToHashSet(StringComparer.Ordinal);
                var version = (int)schema.Number("version");
                return new StoreHealth
                {
                    Address = Address,
                    SchemaVersion = version,
                    CurrentSchemaVersion = MongoNames.SchemaVersion,
                    MissingIndexes = [.. MongoIndexes.MediaNames.Where(name => !present.Contains(name))],
                    Documents = await db.Media.EstimatedDocumentCountAsync(cancellationToken: token),
                    Error = version > MongoNames.SchemaVersion ? $"schema version {version} is newer than this rayray understands ({MongoNames.SchemaVersion}); upgrade rayray" : null,
                };
            }, cancellationToken);
        }
        catch (StoreException e) when (!e.WasStopped)
        {
            return new StoreHealth { Address = Address, CurrentSchemaVersion = MongoNames.SchemaVersion, Error = e.Message };
        }
    }

    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        RunAsync("counting documents", (db, token) => db.Media.EstimatedDocumentCountAsync(cancellationToken: token), cancellationToken);

    public async Task<long> CountAsync(QueryNode? filter, CancellationToken cancellationToken)
    {
        var match = MongoQueryTranslator.Translate(await ResolveSimilarAsync(filter, cancellationToken));
        return await RunAsync("counting documents", async (db, token) =>
        {
            var counted = await db.Media.AggregateToListAsync([new BsonDocument("$match", match), new BsonDocument("$count", "n")], token);
            return counted.Count == 0 ? 0 : counted[0].Number("n");
        }, cancellationToken);
    }

    public async IAsyncEnumerable<string> QueryAsync(MediaQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (query.Limit == 0)
            yield break;
        var pipeline = MongoQueryPipeline.Build(query with { Filter = await ResolveSimilarAsync(query.Filter, cancellationToken) });
        using var cursor = await RunAsync("running the query", (db, token) => db.Media.AggregateAsync(pipeline, token), cancellationToken);
        while (await RunAsync("running the query", (_, token) => cursor.MoveNextAsync(token), cancellationToken))
        {
            foreach (var document in cursor.Current)
                yield return MongoDocuments.ToOutputJson(document);
        }
    }

    /// <summary>A <c>similar:</c> target becomes its hash (a lookup of the target document) before the query is translated.</summary>
    private async Task<QueryNode?> ResolveSimilarAsync(QueryNode? filter, CancellationToken cancellationToken) =>
        SimilarTargets.Present(filter) ? await SimilarTargets.ResolveAsync(filter, FindAsync, cancellationToken) : filter;

    public Task<MediaStats> GetStatsAsync(StatsGrouping? by, CancellationToken cancellationToken) =>
        RunAsync("computing statistics", (db, token) => MongoStats.ComputeAsync(db.Media, by, token), cancellationToken);

    public ValueTask DisposeAsync()
    {
        if (_client.IsValueCreated)
        {
            // MongoClient.Dispose leaves the shared cluster (monitors, pooled sockets, server
            // sessions) running; closing it through the registry ends the sessions and the sockets.
            ClusterRegistry.Instance.UnregisterAndDisposeCluster(_client.Value.Cluster);
            _client.Value.Dispose();
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// One operation: cancelled by <paramref name="cancellationToken"/> (a stop) or after the
    /// target's operation timeout, and every driver failure turned into a <see cref="StoreException"/>.
    /// </summary>
    private async Task<T> RunAsync<T>(string doing, Func<MongoCollections, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (_target.OperationTimeout is { } timeout)
            deadline.CancelAfter(timeout);
        try
        {
            return await work(_collections.Value, deadline.Token);
        }
        catch (Exception e) when (MongoErrors.IsDriverFailure(e))
        {
            var timedOut = e is OperationCanceledException && !cancellationToken.IsCancellationRequested;
            throw MongoErrors.Wrap(e, _target, doing, _client.IsValueCreated ? _client.Value.Cluster.Description : null, timedOut);
        }
    }
}
