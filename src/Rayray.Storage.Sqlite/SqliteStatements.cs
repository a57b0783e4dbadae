using Microsoft.Data.Sqlite;

namespace Rayray.Storage.Sqlite;

/// <summary>Statements prepared once on a connection and reused for every batch, all joined to the current transaction.</summary>
internal sealed class SqliteStatements(SqliteConnection connection) : IDisposable
{
    private readonly List<SqliteCommand> _all = [];

    public SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter(name, null));
        _all.Add(command);
        return command;
    }

    public void Use(SqliteTransaction transaction)
    {
        foreach (var command in _all)
            command.Transaction = transaction;
    }

    public static void Bind(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
            command.Parameters[name].Value = value ?? DBNull.Value;
    }

    public void Dispose()
    {
        foreach (var command in _all)
            command.Dispose();
    }
}
