using System.Runtime.CompilerServices;
using Rayray.Core.Documents;
using Rayray.Core.Extraction;
using Rayray.Core.Query;
using Rayray.Core.Storage;
using Rayray.Mongo.Auth;
using Rayray.Mongo.Bson;
using Rayray.Mongo.Client;

namespace Rayray.Storage.Mongo;

/// <summary>
/// The MongoDB store: the <c>media_files</c> collection holds the schema documents as they are
/// (with each location's folder added for change detection), <c>scans</c> the history, <c>locks</c>
/// the scan lock, <c>rayray_meta</c> the schema version. Every failure becomes a
/// <see cref="StoreException"/> naming the server (never the password); a lost connection is transient.
/// </summary>
public sealed class MongoMediaStore : IMediaStore
{
    private readonly MongoStoreTarget _target;
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private MongoClient? _client;
    private MongoCommands? _commands;

    public MongoMediaStore(MongoStoreTarget target) => _target = target;

    /// <summary>Parses a mongodb:// or mongodb+srv:// URI; a bad one throws <see cref="StoreException"/> saying what is wrong.</summary>
    public static MongoMediaStore Open(string uri) => new(MongoStoreTarget.Parse(uri));

    public string Address => _target.DisplayAddress;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await RunAsync("creating the indexes", async commands =>
        {
            var schema = await commands.FindOneAsync(MongoNames.Meta, new BsonDocument("_id", MongoNames.SchemaDocumentId), cancellationToken);
            if (schema?.GetValueOrDefault("version") is { IsNumeric: true } version && version.ToInt64() > MongoNames.SchemaVersion)
                throw new StoreException($"the database at {Address} has rayray schema version {version.ToInt64()}, newer than this rayray understands ({MongoNames.SchemaVersion}); upgrade rayray");
            await MongoIndexes.EnsureAsync(commands.Client, commands.Database, MongoNames.Media, MongoIndexes.Media, Address, cancellationToken);
            await MongoIndexes.EnsureAsync(commands.Client, commands.Database, MongoNames.Scans, MongoIndexes.Scans, Address, cancellationToken);
            await MongoIndexes.EnsureAsync(commands.Client, commands.Database, MongoNames.Locks, MongoIndexes.Locks, Address, cancellationToken);
            var written = await commands.UpdateAsync(MongoNames.Meta,
            [
                MongoCommands.Update(new BsonDocument("_id", MongoNames.SchemaDocumentId),
                    new BsonDocument("$set", new BsonDocument("version", MongoNames.SchemaVersion)), upsert: true),
            ], cancellationToken);
            if (written.WriteErrors.Count > 0)
                throw new StoreException($"MongoDB at {Address} refused to record the schema version: {written.WriteErrors[0].Message}");
            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, KnownLocation>> GetKnownLocationsAsync(string folder, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyDictionary<string, KnownLocation>>("looking up known files", async commands =>
        {
            var known = new Dictionary<string, KnownLocation>(StringComparer.Ordinal);
            var projection = new BsonDocument { { "file.hash", 1 }, { "status", 1 }, { "locations", 1 } };
            await foreach (var document in commands.FindAsync(MongoNames.Media, new BsonDocument("locations.folder", folder), cancellationToken, projection))
            {
                var hash = document["file"].AsDocument["hash"].AsString;
                var status = SchemaNames.StatusFrom(document.GetValueOrDefault("status") is BsonString s ? s.Value : "indexed");
                foreach (var location in MongoDocuments.Locations(document))
                {
                    if (location.GetValueOrDefault(MongoDocuments.FolderField) is BsonString { Value: var at } && at == folder)
                    {
                        var read = ReadLocation(location);
                        known[read.Path] = new KnownLocation(read.Path, hash, read.Size, read.Modified, read.Changed, read.Inode, read.Device, status, read.Sidecar);
                    }
                }
            }
            return known;
        }, cancellationToken);

    public Task<BatchWriteResult> WriteBatchAsync(IReadOnlyList<MediaDocument> documents, bool prune, CancellationToken cancellationToken) =>
        RunAsync($"writing a batch of {documents.Count} documents", commands => new MongoBatchWriter(commands).WriteAsync(documents, prune, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<string>> GetKnownFoldersAsync(string root, CancellationToken cancellationToken) =>
        RunAsync<IReadOnlyList<string>>("listing known folders", async commands =>
        {
            var trimmed = Path.TrimEndingDirectorySeparator(root);
            var prefix = trimmed + Path.DirectorySeparatorChar;
            // The root itself, or an anchored prefix (which the index on locations.folder serves as a range).
            BsonDocument Under() => new("$or", new BsonArray
            {
                new BsonDocument("locations.folder", trimmed),
                new BsonDocument("locations.folder", new BsonRegularExpression("^" + MongoQueryTranslator.EscapeRegex(prefix), "")),
            });
            var folders = await commands.AggregateListAsync(MongoNames.Media,
            [
                new BsonDocument("$match", Under()),
                new BsonDocument("$project", new BsonDocument { { "_id", 0 }, { "locations.folder", 1 } }),
                new BsonDocument("$unwind", "$locations"),
                new BsonDocument("$match", Under()),
                new BsonDocument("$group", new BsonDocument("_id", "$locations.folder")),
            ], cancellationToken);
            return [.. folders.Select(f => f["_id"]).OfType<BsonString>().Select(f => f.Value).Order(StringComparer.Ordinal)];
        }, cancellationToken);

    public Task<MissingLocationsResult> RemoveLocationsAsync(IReadOnlyList<string> paths, bool prune, CancellationToken cancellationToken) =>
        RunAsync("removing vanished locations", commands => new MongoBatchWriter(commands).RemoveLocationsAsync(paths, prune, cancellationToken), cancellationToken);

    public Task<ScanLockResult> TryLockAsync(IReadOnlyList<string> roots, ScanLockHolder holder, CancellationToken cancellationToken) =>
        RunAsync("taking the scan lock", commands => new MongoScanBookkeeping(commands).TryLockAsync(roots, holder, cancellationToken), cancellationToken);

    public Task RenewLockAsync(long runId, CancellationToken cancellationToken) =>
        RunAsync("renewing the scan lock", async commands => { await new MongoScanBookkeeping(commands).RenewAsync(runId, cancellationToken); return true; }, cancellationToken);

    public Task ReleaseLockAsync(long runId, CancellationToken cancellationToken) =>
        RunAsync("releasing the scan lock", async commands => { await new MongoScanBookkeeping(commands).ReleaseAsync(runId, cancellationToken); return true; }, cancellationToken);

    public Task<ScanRun> StartRunAsync(ScanRun run, CancellationToken cancellationToken) =>
        RunAsync("recording the scan", commands => new MongoScanBookkeeping(commands).StartAsync(run, cancellationToken), cancellationToken);

    public Task FinishRunAsync(ScanRun run, CancellationToken cancellationToken) =>
        RunAsync("recording the end of the scan", async commands => { await new MongoScanBookkeeping(commands).FinishAsync(run, cancellationToken); return true; }, cancellationToken);

    public Task<IReadOnlyList<ScanRun>> GetRunsAsync(int limit, CancellationToken cancellationToken) =>
        RunAsync("reading the scan history", commands => new MongoScanBookkeeping(commands).RunsAsync(new BsonDocument(), limit, cancellationToken), cancellationToken);

    public Task<ScanRun?> GetLastCompletedRunAsync(IReadOnlyList<string> roots, CancellationToken cancellationToken) =>
        RunAsync("reading the scan history", async commands =>
        {
            var filter = new BsonDocument { { "rootsKey", MongoScanBookkeeping.RootsKey(roots) }, { "status", ScanRun.StatusName(ScanRunStatus.Completed) } };
            var runs = await new MongoScanBookkeeping(commands).RunsAsync(filter, 1, cancellationToken);
            return runs.Count > 0 ? runs[0] : null;
        }, cancellationToken);

    public Task<MediaDocument?> FindAsync(string idHashOrPath, CancellationToken cancellationToken) =>
        RunAsync("reading a document", async commands =>
        {
            var filter = idHashOrPath switch
            {
                _ when DocumentId.LooksLikeId(idHashOrPath) => new BsonDocument("_id", idHashOrPath),
                _ when DocumentId.IsContentHash(idHashOrPath) || UnreadableHash.IsPlaceholder(idHashOrPath) => new BsonDocument("file.hash", idHashOrPath),
                _ when idHashOrPath.Length == 64 && idHashOrPath.All(char.IsAsciiHexDigitLower) => new BsonDocument("file.hash", DocumentId.HashPrefix + idHashOrPath),
                _ => new BsonDocument("locations.path", idHashOrPath),
            };
            var found = await commands.FindOneAsync(MongoNames.Media, filter, cancellationToken);
            return found is null ? null : DocumentJson.Deserialize(MongoDocuments.ToOutputJson(found));
        }, cancellationToken);

    public async Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            var commands = await ConnectAsync(cancellationToken);
            var schema = await commands.FindOneAsync(MongoNames.Meta, new BsonDocument("_id", MongoNames.SchemaDocumentId), cancellationToken);
            if (schema is null)
                return new StoreHealth { Address = Address, CurrentSchemaVersion = MongoNames.SchemaVersion, NotCreatedYet = true };
            var present = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var index in commands.Client.QueryAsync(commands.Database, new BsonDocument("listIndexes", MongoNames.Media), cancellationToken))
                present.Add(index["name"].AsString);
            var version = (int)(schema.GetValueOrDefault("version")?.ToInt64() ?? 0);
            return new StoreHealth
            {
                Address = Address,
                SchemaVersion = version,
                CurrentSchemaVersion = MongoNames.SchemaVersion,
                MissingIndexes = [.. MongoIndexes.MediaNames.Where(name => !present.Contains(name))],
                Documents = await CountAsync(cancellationToken),
                Error = version > MongoNames.SchemaVersion ? $"schema version {version} is newer than this rayray understands ({MongoNames.SchemaVersion}); upgrade rayray" : null,
            };
        }
        catch (Exception ex) when (ex is StoreException or MongoException or MongoAuthenticationException)
        {
            return new StoreHealth { Address = Address, CurrentSchemaVersion = MongoNames.SchemaVersion, Error = Wrap(ex, "checking it").Message };
        }
    }

    public Task<long> CountAsync(CancellationToken cancellationToken) =>
        RunAsync("counting documents", async commands =>
            (await commands.RunAsync(new BsonDocument("count", MongoNames.Media), cancellationToken))["n"].ToInt64(), cancellationToken);

    public Task<long> CountAsync(QueryNode? filter, CancellationToken cancellationToken)
    {
        var match = MongoQueryTranslator.Translate(filter);
        return RunAsync("counting documents", async commands =>
        {
            var counted = await commands.AggregateListAsync(MongoNames.Media,
                [new BsonDocument("$match", match), new BsonDocument("$count", "n")], cancellationToken);
            return counted.Count == 0 ? 0 : counted[0]["n"].ToInt64();
        }, cancellationToken);
    }

    public async IAsyncEnumerable<string> QueryAsync(MediaQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (query.Limit == 0)
            yield break;
        var pipeline = MongoQueryPipeline.Build(query);
        var commands = await ConnectAsync(cancellationToken);
        await using var documents = commands.AggregateAsync(MongoNames.Media, pipeline, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            try
            {
                if (!await documents.MoveNextAsync())
                    break;
            }
            catch (Exception ex) when (ex is MongoException or MongoAuthenticationException)
            {
                throw Wrap(ex, "running the query");
            }
            yield return MongoDocuments.ToOutputJson(documents.Current);
        }
    }

    public Task<MediaStats> GetStatsAsync(StatsGrouping? by, CancellationToken cancellationToken) =>
        RunAsync("computing statistics", commands => MongoStats.ComputeAsync(commands, by, cancellationToken), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_client is not null)
            await _client.DisposeAsync();
        _connecting.Dispose();
    }

    private static FileLocation ReadLocation(BsonDocument location) =>
        DocumentJson.DeserializeLocation(DocumentBson.ToJson(location, (name, _) => name != MongoDocuments.FolderField));

    private async Task<T> RunAsync<T>(string doing, Func<MongoCommands, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await work(await ConnectAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is MongoException or MongoAuthenticationException)
        {
            throw Wrap(ex, doing);
        }
    }

    private async Task<MongoCommands> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_commands is { } ready)
            return ready;
        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_commands is null)
            {
                var settings = await _target.ResolveAsync(cancellationToken);
                _client = new MongoClient(settings);
                _commands = new MongoCommands(_client, _target.Database);
            }
            return _commands;
        }
        finally
        {
            _connecting.Release();
        }
    }

    private StoreException Wrap(Exception ex, string doing) => ex switch
    {
        StoreException store => store,
        MongoAuthenticationException => new StoreException($"cannot use MongoDB at {Address}: {ex.Message}", ex),
        MongoConnectionException => new StoreException($"MongoDB at {Address} failed while {doing}: {ex.Message}", isTransient: true, ex),
        _ => new StoreException($"MongoDB at {Address} failed while {doing}: {ex.Message}", ex),
    };
}
