using Microsoft.Data.Sqlite;

namespace Rayray.Cli.Tests;

/// <summary>Another process's write lock on a database: <c>BEGIN EXCLUSIVE</c>, held until released or disposed.</summary>
internal sealed class DatabaseLock : IDisposable
{
    private readonly SqliteConnection _connection;

    public DatabaseLock(string database)
    {
        _connection = new SqliteConnection($"Data Source={database};Pooling=False;Default Timeout=60");
        _connection.Open();
        Execute("PRAGMA busy_timeout = 60000");
        Execute("BEGIN EXCLUSIVE");
    }

    public bool Held { get; private set; } = true;

    public void Release()
    {
        if (!Held)
            return;
        Execute("ROLLBACK");
        Held = false;
    }

    public void Dispose()
    {
        Release();
        _connection.Dispose();
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
