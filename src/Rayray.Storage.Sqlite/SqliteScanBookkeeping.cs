using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Rayray.Core.Storage;

namespace Rayray.Storage.Sqlite;

/// <summary>Scan history and the scan lock in SQLite (tables <c>scans</c> and <c>scan_locks</c>).</summary>
internal static class SqliteScanBookkeeping
{
    private const string Interrupted = "the scan ended without finishing (killed or crashed); its lock was taken over";

    public static string RootsKey(IReadOnlyList<string> roots) =>
        JsonSerializer.Serialize(roots.Order(StringComparer.Ordinal).ToArray(), SqliteJson.Default.StringArray);

    public static ScanLockResult TryLock(SqliteConnection connection, IReadOnlyList<string> roots, ScanLockHolder holder)
    {
        using var transaction = connection.BeginTransaction();
        var now = DateTime.UtcNow;
        var stale = new List<long>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "SELECT root, run_id, host, pid, started_ticks, renewed_ticks FROM scan_locks";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var root = reader.GetString(0);
                if (!roots.Any(r => ScanLockRules.Overlap(r, root)))
                    continue;
                var other = new ScanLockHolder(reader.GetString(2), reader.GetInt32(3), new DateTime(reader.GetInt64(4), DateTimeKind.Utc), reader.GetInt64(1));
                if (!ScanLockRules.IsStale(other, new DateTime(reader.GetInt64(5), DateTimeKind.Utc), now))
                    return new ScanLockResult(false, other, root);
                stale.Add(other.RunId);
            }
        }

        foreach (var runId in stale.Distinct())
        {
            Execute(connection, transaction, """
                UPDATE scans SET status = 'interrupted', error = $error,
                    ended_ticks = coalesce(ended_ticks, (SELECT max(renewed_ticks) FROM scan_locks WHERE run_id = $run), started_ticks)
                WHERE id = $run AND status = 'running'
                """, ("$run", runId), ("$error", Interrupted));
            Execute(connection, transaction, "DELETE FROM scan_locks WHERE run_id = $run", ("$run", runId));
        }
        foreach (var root in roots.Distinct(StringComparer.Ordinal))
        {
            Execute(connection, transaction, """
                INSERT INTO scan_locks (root, run_id, host, pid, started_ticks, renewed_ticks)
                VALUES ($root, $run, $host, $pid, $started, $now)
                """, ("$root", root), ("$run", holder.RunId), ("$host", holder.Host), ("$pid", holder.ProcessId),
                ("$started", holder.StartedUtc.Ticks), ("$now", now.Ticks));
        }
        transaction.Commit();
        return ScanLockResult.Granted;
    }

    public static void Renew(SqliteConnection connection, long runId) =>
        Execute(connection, null, "UPDATE scan_locks SET renewed_ticks = $now WHERE run_id = $run", ("$now", DateTime.UtcNow.Ticks), ("$run", runId));

    public static void Release(SqliteConnection connection, long runId) =>
        Execute(connection, null, "DELETE FROM scan_locks WHERE run_id = $run", ("$run", runId));

    public static ScanRun Start(SqliteConnection connection, ScanRun run)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO scans (roots, started_ticks, status, host, pid) VALUES ($roots, $started, 'running', $host, $pid) RETURNING id
            """;
        command.Parameters.AddWithValue("$roots", RootsKey(run.Roots));
        command.Parameters.AddWithValue("$started", run.StartedUtc.Ticks);
        command.Parameters.AddWithValue("$host", (object?)run.Host ?? DBNull.Value);
        command.Parameters.AddWithValue("$pid", (object?)run.ProcessId ?? DBNull.Value);
        return run with { Id = (long)command.ExecuteScalar()!, Status = ScanRunStatus.Running };
    }

    public static void Finish(SqliteConnection connection, ScanRun run) =>
        Execute(connection, null, """
            UPDATE scans SET ended_ticks = $ended, status = $status, seen = $seen, new = $new, changed = $changed,
                moved = $moved, copied = $copied, missing = $missing, invalid = $invalid, bytes_read = $bytes, error = $error
            WHERE id = $id
            """,
            ("$id", run.Id), ("$ended", run.Status == ScanRunStatus.Running ? null : (run.EndedUtc ?? DateTime.UtcNow).Ticks), ("$status", ScanRun.StatusName(run.Status)),
            ("$seen", run.Seen), ("$new", run.New), ("$changed", run.Changed), ("$moved", run.Moved), ("$copied", run.Copied),
            ("$missing", run.Missing), ("$invalid", run.Invalid), ("$bytes", run.BytesRead), ("$error", run.Error));

    public static IReadOnlyList<ScanRun> Runs(SqliteConnection connection, string where, int limit, params (string, object?)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT id, roots, started_ticks, ended_ticks, status, host, pid, seen, new, changed, moved, copied, missing, invalid, bytes_read, error
            FROM scans {where} ORDER BY id DESC LIMIT {limit.ToString(CultureInfo.InvariantCulture)}
            """;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        using var reader = command.ExecuteReader();
        var runs = new List<ScanRun>();
        while (reader.Read())
        {
            runs.Add(new ScanRun
            {
                Id = reader.GetInt64(0),
                Roots = JsonSerializer.Deserialize(reader.GetString(1), SqliteJson.Default.StringArray) ?? [],
                StartedUtc = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                EndedUtc = reader.IsDBNull(3) ? null : new DateTime(reader.GetInt64(3), DateTimeKind.Utc),
                Status = ScanRun.StatusFrom(reader.GetString(4)),
                Host = reader.IsDBNull(5) ? null : reader.GetString(5),
                ProcessId = reader.IsDBNull(6) ? null : reader.GetInt32(6),
                Seen = reader.GetInt64(7),
                New = reader.GetInt64(8),
                Changed = reader.GetInt64(9),
                Moved = reader.GetInt64(10),
                Copied = reader.GetInt64(11),
                Missing = reader.GetInt64(12),
                Invalid = reader.GetInt64(13),
                BytesRead = reader.GetInt64(14),
                Error = reader.IsDBNull(15) ? null : reader.GetString(15),
            });
        }
        return runs;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        command.ExecuteNonQuery();
    }
}
