using Microsoft.Data.Sqlite;

namespace Rayray.Storage.Sqlite;

/// <summary>Statements without parameters, and ending transactions so that a failure leaves the connection usable.</summary>
internal static class SqliteTransactions
{
    public static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// <summary>
    /// Commits; when COMMIT fails (a full disk), the transaction is rolled back before the error goes
    /// on, because SQLite may already have ended it without Microsoft.Data.Sqlite noticing.
    /// </summary>
    public static void Commit(SqliteConnection connection, SqliteTransaction transaction)
    {
        try
        {
            transaction.Commit();
        }
        catch (SqliteException)
        {
            RollBack(connection, transaction);
            throw;
        }
    }

    /// <summary>
    /// Rolls back whatever state a failure left the transaction in, so the connection is usable
    /// again (to record the failure, to close cleanly). SQLite ends a transaction by itself on some
    /// errors; when Microsoft.Data.Sqlite did not see that (a failed COMMIT), its ROLLBACK fails and
    /// the connection stays marked as in a transaction: an empty transaction is begun so it completes.
    /// </summary>
    public static void RollBack(SqliteConnection connection, SqliteTransaction transaction)
    {
        try
        {
            transaction.Rollback();
        }
        catch (InvalidOperationException)
        {
            // Already completed.
        }
        catch (SqliteException) when (SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) != 0)
        {
            Execute(connection, "BEGIN", transaction);
            transaction.Rollback();
        }
    }
}
