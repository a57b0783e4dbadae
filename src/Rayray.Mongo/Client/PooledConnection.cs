namespace Rayray.Mongo.Client;

/// <summary>A connection on loan from its pool; disposing gives it back.</summary>
internal sealed class PooledConnection(ConnectionPool pool, MongoConnection connection) : IDisposable
{
    private bool _returned;

    public MongoConnection Connection { get; } = connection;

    public void Dispose()
    {
        if (_returned)
            return;
        _returned = true;
        pool.Return(Connection);
    }
}
