using System.Data;
using Microsoft.Data.Sqlite;
using Rayray.Core.Documents;
using Rayray.Core.Storage;
using Rayray.Core.Writing;

namespace Rayray.Storage.Sqlite;

/// <summary>
/// Writes a batch in one transaction: reads the state it touches, lets <see cref="BatchPlanner"/>
/// decide, applies the plan. The transaction begins IMMEDIATE, so the write lock is taken (or
/// waited for) before anything is read and no other writer can commit between the reads and the
/// writes. Almost every batch writes cleanly, so it goes without a savepoint per document; only
/// when one document fails is the batch written again document by document, each in a savepoint,
/// so that document alone is left out.
/// </summary>
internal sealed class SqliteBatchWriter(SqliteConnection connection) : IDisposable
{
    private readonly SqliteStateReader _state = new(connection);
    private readonly SqliteWriteCommands _commands = new(connection);

    /// <summary>
    /// A failure of the database itself (full, read-only, damaged, locked) rolls the whole batch
    /// back and is thrown as it is, for the store to wait or report.
    /// </summary>
    public BatchWriteResult Write(IReadOnlyList<MediaDocument> documents, bool prune) =>
        WriteWhole(documents, prune) ?? WriteEachAlone(documents, prune);

    public MissingLocationsResult Remove(IReadOnlyList<string> paths, bool prune) =>
        InTransaction(_ =>
        {
            var (state, rows) = _state.Read(WriteStateRequest.ForRemoval(paths));
            var plan = RemovalPlanner.Plan(paths, state, prune);
            _commands.Apply(plan, rows);
            return plan.Result;
        });

    /// <summary>The batch as one plan; null when a document failed (nothing is kept then).</summary>
    private BatchWriteResult? WriteWhole(IReadOnlyList<MediaDocument> documents, bool prune)
    {
        try
        {
            return InTransaction(_ =>
            {
                var (state, rows) = _state.Read(WriteStateRequest.For(documents));
                var plan = BatchPlanner.Plan(documents, state, prune);
                _commands.Apply(plan, rows);
                return plan.Result;
            });
        }
        catch (SqliteException e) when (!SqliteErrors.IsFatal(e))
        {
            return null;
        }
    }

    private BatchWriteResult WriteEachAlone(IReadOnlyList<MediaDocument> documents, bool prune) =>
        InTransaction(transaction =>
        {
            var outcomes = new List<DocumentWriteOutcome>(documents.Count);
            foreach (var document in documents)
            {
                transaction.Save("document");
                try
                {
                    var (state, rows) = _state.Read(WriteStateRequest.For([document]));
                    var plan = BatchPlanner.Plan([document], state, prune);
                    _commands.Apply(plan, rows);
                    outcomes.Add(plan.Outcomes[0]);
                    transaction.Release("document");
                }
                catch (SqliteException e) when (!SqliteErrors.IsFatal(e))
                {
                    transaction.Rollback("document");
                    transaction.Release("document");
                    outcomes.Add(new DocumentWriteOutcome(false, null, e.Message));
                }
            }
            return new BatchWriteResult(outcomes);
        });

    private T InTransaction<T>(Func<SqliteTransaction, T> work)
    {
        using var transaction = connection.BeginTransaction(IsolationLevel.Serializable);
        _state.Use(transaction);
        _commands.Use(transaction);
        try
        {
            var result = work(transaction);
            SqliteTransactions.Commit(connection, transaction);
            return result;
        }
        catch (SqliteException)
        {
            SqliteTransactions.RollBack(connection, transaction);
            throw;
        }
    }

    public void Dispose()
    {
        _state.Dispose();
        _commands.Dispose();
    }
}
