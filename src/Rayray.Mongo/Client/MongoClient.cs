using System.Runtime.CompilerServices;
using Rayray.Mongo.Bson;
using Rayray.Mongo.Connection;
using Rayray.Mongo.Wire;

namespace Rayray.Mongo.Client;

/// <summary>
/// rayray's MongoDB client: finds the primary, pools connections to it, runs commands, pages
/// cursors and splits writes. A command marked retryable is retried once, on a re-discovered
/// primary, after a network error or a "not writable primary" answer; nothing else is retried.
/// Every call takes a cancellation token and is bounded by the settings' timeouts.
/// </summary>
public sealed class MongoClient : IAsyncDisposable
{
    private static readonly TimeSpan KillCursorsTimeout = TimeSpan.FromSeconds(5);

    private readonly Dictionary<MongoHost, ConnectionPool> _pools = [];
    private readonly SemaphoreSlim _discovery = new(1, 1);
    private ConnectionPool? _primary;
    private bool _disposed;

    public MongoClient(MongoClientSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Seeds.Count == 0)
            throw new ArgumentException("at least one seed address is needed", nameof(settings));
        Settings = settings;
    }

    public MongoClientSettings Settings { get; }

    /// <summary>The primary's handshake answer: its limits, role and wire version (discovering it if needed).</summary>
    public async Task<HelloResult> GetPrimaryHelloAsync(CancellationToken cancellationToken)
    {
        var pool = await GetPrimaryPoolAsync(cancellationToken);
        if (pool.LastHello is { } hello)
            return hello;
        using var lease = await pool.RentAsync(cancellationToken);
        return lease.Connection.Hello;
    }

    /// <summary>The address writes currently go to, for messages.</summary>
    public string CurrentAddress => _primary?.Address.ToString() ?? Settings.DisplayName;

    /// <summary>Runs a command on the primary; throws <see cref="MongoCommandException"/> on <c>ok: 0</c>.</summary>
    public Task<BsonDocument> RunCommandAsync(string database, BsonDocument command, bool retryable, CancellationToken cancellationToken) =>
        ExecuteAsync(retryable, (connection, _) => connection.RunCommandAsync(database, command, null, cancellationToken), cancellationToken);

    /// <summary>
    /// Runs a command that answers with a cursor (find, aggregate, listIndexes) and yields every
    /// document, fetching more batches with getMore; a cursor abandoned early is killed.
    /// </summary>
    public async IAsyncEnumerable<BsonDocument> QueryAsync(string database, BsonDocument command, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var (pool, reply) = await ExecuteAsync(
            retryable: true,
            async (connection, pool) => (pool, await connection.RunCommandAsync(database, command, null, cancellationToken)),
            cancellationToken);
        var cursor = reply["cursor"].AsDocument;
        var id = cursor["id"].ToInt64();
        var collection = CollectionOf(cursor, command);
        var batchSize = command.GetValueOrDefault("batchSize") ?? (command.GetValueOrDefault("cursor") as BsonDocument)?.GetValueOrDefault("batchSize");
        try
        {
            foreach (var document in cursor["firstBatch"].AsArray)
                yield return document.AsDocument;
            while (id != 0)
            {
                var getMore = new BsonDocument { { "getMore", new BsonInt64(id) }, { "collection", collection } }.AddIfNotNull("batchSize", batchSize);
                BsonDocument next;
                using (var lease = await pool.RentAsync(cancellationToken))
                    next = (await lease.Connection.RunCommandAsync(database, getMore, null, cancellationToken))["cursor"].AsDocument;
                id = next["id"].ToInt64();
                foreach (var document in next["nextBatch"].AsArray)
                    yield return document.AsDocument;
            }
        }
        finally
        {
            if (id != 0)
                await KillCursorAsync(pool, database, collection, id);
        }
    }

    /// <summary>
    /// Sends insert/update/delete statements as few commands as the server's limits allow, each
    /// with its statements in a kind-1 document sequence, and merges the results.
    /// </summary>
    public async Task<WriteResult> WriteAsync(
        string database,
        string collection,
        WriteKind kind,
        IReadOnlyList<BsonDocument> statements,
        bool ordered,
        bool retryable,
        CancellationToken cancellationToken)
    {
        var limits = await GetPrimaryHelloAsync(cancellationToken);
        var (parts, rejected) = WriteBatchSplitter.Split(statements, limits);
        var errors = new List<WriteError>(rejected);
        var upserted = new List<UpsertedId>();
        long matched = 0, modified = 0;
        string? concernError = null;
        if (ordered && rejected.Count > 0)
            parts = [.. parts.TakeWhile(p => p.Indexes[0] < rejected[0].Index)];

        foreach (var part in parts)
        {
            var command = new BsonDocument { { kind.CommandName(), collection }, { "ordered", ordered } };
            var sequence = new OpMsg.DocumentSequence(kind.SequenceName(), part.Statements);
            var reply = await ExecuteAsync(
                retryable,
                (connection, _) => connection.RunCommandAsync(database, command, [sequence], cancellationToken),
                cancellationToken);

            matched += reply.GetValueOrDefault("n")?.ToInt64() ?? 0;
            modified += reply.GetValueOrDefault("nModified")?.ToInt64() ?? 0;
            if (reply.GetValueOrDefault("upserted") is BsonArray ids)
            {
                foreach (var entry in ids.OfType<BsonDocument>())
                {
                    var index = part.Indexes[(int)entry["index"].ToInt64()];
                    upserted.Add(new UpsertedId(index, entry.GetValueOrDefault("_id") ?? BsonNull.Value));
                }
            }
            if (reply.GetValueOrDefault("writeErrors") is BsonArray failures)
            {
                foreach (var failure in failures.OfType<BsonDocument>())
                {
                    errors.Add(new WriteError(
                        part.Indexes[(int)failure["index"].ToInt64()],
                        (int)(failure.GetValueOrDefault("code")?.ToInt64() ?? 0),
                        failure.GetValueOrDefault("errmsg") is BsonString text ? text.Value : "write error",
                        failure));
                }
            }
            if (reply.GetValueOrDefault("writeConcernError") is BsonDocument concern)
                concernError = concern.GetValueOrDefault("errmsg") is BsonString text ? text.Value : "write concern error";
            if (ordered && errors.Count > rejected.Count)
                break;
        }
        errors.Sort((a, b) => a.Index.CompareTo(b.Index));
        upserted.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new WriteResult(matched, modified, upserted, errors, concernError);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        ConnectionPool[] pools;
        lock (_pools)
        {
            pools = [.. _pools.Values];
            _pools.Clear();
        }
        foreach (var pool in pools)
            await pool.DisposeAsync();
        _discovery.Dispose();
    }

    private async Task<T> ExecuteAsync<T>(bool retryable, Func<MongoConnection, ConnectionPool, Task<T>> operation, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var pool = await GetPrimaryPoolAsync(cancellationToken);
            try
            {
                using var lease = await pool.RentAsync(cancellationToken);
                return await operation(lease.Connection, pool);
            }
            catch (MongoException ex) when (ex is MongoConnectionException || ex is MongoCommandException { IsNotWritablePrimary: true })
            {
                ForgetPrimary(pool);
                if (!retryable || attempt > 0)
                    throw;
            }
        }
    }

    private async Task<ConnectionPool> GetPrimaryPoolAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (Volatile.Read(ref _primary) is { } known)
            return known;
        await _discovery.WaitAsync(cancellationToken);
        try
        {
            if (_primary is { } found)
                return found;
            var connection = await PrimaryDiscovery.FindAsync(Settings, cancellationToken);
            ConnectionPool pool;
            lock (_pools)
            {
                if (!_pools.TryGetValue(connection.Address, out pool!))
                    _pools[connection.Address] = pool = new ConnectionPool(connection.Address, Settings);
            }
            await pool.AdoptAsync(connection, cancellationToken);
            Volatile.Write(ref _primary, pool);
            return pool;
        }
        finally
        {
            _discovery.Release();
        }
    }

    private void ForgetPrimary(ConnectionPool pool)
    {
        pool.Clear();
        Interlocked.CompareExchange(ref _primary, null, pool);
    }

    private static async Task KillCursorAsync(ConnectionPool pool, string database, string collection, long id)
    {
        using var timeout = new CancellationTokenSource(KillCursorsTimeout);
        try
        {
            using var lease = await pool.RentAsync(timeout.Token);
            var command = new BsonDocument { { "killCursors", collection }, { "cursors", new BsonArray { new BsonInt64(id) } } };
            await lease.Connection.RunCommandAsync(database, command, null, timeout.Token);
        }
        catch (Exception ex) when (ex is MongoException or OperationCanceledException or ObjectDisposedException)
        {
            // The server reaps idle cursors after ten minutes; failing to kill one early loses nothing.
        }
    }

    private static string CollectionOf(BsonDocument cursor, BsonDocument command)
    {
        if (cursor.GetValueOrDefault("ns") is BsonString { Value: var ns } && ns.IndexOf('.', StringComparison.Ordinal) is var dot and > 0)
            return ns[(dot + 1)..];
        return command.ElementAt(0).Value is BsonString collection ? collection.Value : "";
    }
}
