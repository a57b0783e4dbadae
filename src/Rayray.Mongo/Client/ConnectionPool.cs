using Rayray.Mongo.Auth;
using Rayray.Mongo.Connection;

namespace Rayray.Mongo.Client;

/// <summary>
/// Open, authenticated connections to one server, at most <see cref="MongoClientSettings.MaxPoolSize"/>.
/// A connection that broke is dropped on return; <see cref="Clear"/> (after a network error or a
/// step-down) retires every connection opened before it.
/// </summary>
internal sealed class ConnectionPool : IAsyncDisposable
{
    private readonly MongoClientSettings _settings;
    private readonly SemaphoreSlim _slots;
    private readonly Stack<MongoConnection> _idle = new();
    private readonly Lock _lock = new();
    private readonly ScramKeyCache _keys = new();
    private int _generation;
    private bool _disposed;

    public ConnectionPool(MongoHost address, MongoClientSettings settings)
    {
        Address = address;
        _settings = settings;
        _slots = new SemaphoreSlim(Math.Max(1, settings.MaxPoolSize));
    }

    public MongoHost Address { get; }

    /// <summary>The handshake answer of the last connection opened, for limits and the server's role.</summary>
    public HelloResult? LastHello { get; private set; }

    public async Task<PooledConnection> RentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken);
        try
        {
            while (TakeIdle() is { } idle)
            {
                if (!idle.IsBroken && idle.Generation == Volatile.Read(ref _generation))
                    return new PooledConnection(this, idle);
                await idle.DisposeAsync();
            }
            var connection = await OpenAsync(cancellationToken);
            return new PooledConnection(this, connection);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    /// <summary>Authenticates and keeps a connection opened by server discovery, so its handshake is not wasted.</summary>
    public async Task AdoptAsync(MongoConnection connection, CancellationToken cancellationToken)
    {
        await AuthenticateAsync(connection, cancellationToken);
        connection.Generation = Volatile.Read(ref _generation);
        lock (_lock)
        {
            if (!_disposed)
            {
                _idle.Push(connection);
                return;
            }
        }
        await connection.DisposeAsync();
    }

    public void Clear() => Interlocked.Increment(ref _generation);

    public async ValueTask DisposeAsync()
    {
        MongoConnection[] idle;
        lock (_lock)
        {
            _disposed = true;
            idle = [.. _idle];
            _idle.Clear();
        }
        foreach (var connection in idle)
            await connection.DisposeAsync();
    }

    internal async Task<MongoConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await MongoConnection.OpenAsync(Address, _settings, Volatile.Read(ref _generation), cancellationToken);
        await AuthenticateAsync(connection, cancellationToken);
        return connection;
    }

    private async Task AuthenticateAsync(MongoConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            if (_settings.Credential is { } credential)
                await ScramAuthenticator.AuthenticateAsync(connection, credential, _keys, cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        LastHello = connection.Hello;
    }

    internal void Return(MongoConnection connection)
    {
        try
        {
            if (!connection.IsBroken && connection.Generation == Volatile.Read(ref _generation))
            {
                lock (_lock)
                {
                    if (!_disposed)
                    {
                        _idle.Push(connection);
                        return;
                    }
                }
            }
            _ = connection.DisposeAsync().AsTask();
        }
        finally
        {
            _slots.Release();
        }
    }

    private MongoConnection? TakeIdle()
    {
        lock (_lock)
            return _idle.TryPop(out var connection) ? connection : null;
    }
}
