using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Rayray.Storage.Sqlite;

namespace Rayray.Bench;

/// <summary>
/// Runs one SQL statement through the SQLite that rayray ships (not the system's sqlite3, whose
/// planner may differ): its query plan, its first rows, and its best time of 5, for working on the
/// SQL the query translator should produce.
/// </summary>
internal static class SqlProbe
{
    public static void Run(string database, string sql, TextWriter output)
    {
        SQLitePCL.Batteries_V2.Init();
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using (var pragmas = connection.CreateCommand())
        {
            pragmas.CommandText = $"PRAGMA cache_size = -{Environment.GetEnvironmentVariable("PROBE_CACHE_KB") ?? "32000"};";
            pragmas.ExecuteNonQuery();
        }
        // The translator's own functions (rayray_glob, rayray_distance), so translated SQL can be pasted in.
        SqliteQueryTranslator.RegisterFunctions(connection);

        using (var plan = connection.CreateCommand())
        {
            plan.CommandText = "EXPLAIN QUERY PLAN " + sql;
            using var reader = plan.ExecuteReader();
            while (reader.Read())
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  plan {reader.GetInt64(0),3} {reader.GetInt64(1),3} {reader.GetString(3)}"));
        }

        var best = double.MaxValue;
        var rows = new List<string>();
        for (var run = 0; run < 5; run++)
        {
            rows.Clear();
            var clock = Stopwatch.StartNew();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (rows.Count < 5)
                    rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
            }
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }
        foreach (var row in rows)
            output.WriteLine("  " + (row.Length > 160 ? row[..160] + "…" : row));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  best of 5: {best:0.0} ms"));
    }
}
