using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace Rayray.Cli.Tests;

/// <summary>Looks into a rayray database from outside, read-only, the way a user's sqlite3 would.</summary>
internal static partial class DatabaseInspection
{
    [GeneratedRegex(@"Committed batch \d+: (\d+) documents")]
    private static partial Regex CommittedBatch();

    /// <summary>How many documents the "Committed batch N: M documents" debug lines add up to.</summary>
    public static long CommittedDocuments(IEnumerable<string> stderrLines) =>
        stderrLines.Select(l => CommittedBatch().Match(l)).Where(m => m.Success).Sum(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));

    public static object? Scalar(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public static long Count(string database, string sql = "SELECT count(*) FROM media_files") => (long)Scalar(database, sql)!;

    /// <summary>
    /// Asserts the database holds exactly <paramref name="documents"/> whole documents: the file is
    /// intact, each document has its body and at least one location, and no location or body is left
    /// over from a batch that did not commit.
    /// </summary>
    public static void AssertWhole(string database, long documents)
    {
        Assert.Equal("ok", Scalar(database, "PRAGMA integrity_check"));
        Assert.Equal(documents, Count(database));
        Assert.Equal(0L, Count(database, "SELECT count(*) FROM media_files m WHERE NOT EXISTS (SELECT 1 FROM locations l WHERE l.file_rowid = m.rowid)"));
        Assert.Equal(documents, Count(database, "SELECT count(*) FROM media_bodies b JOIN media_files m ON m.rowid = b.rowid WHERE json_valid(b.body)"));
        Assert.Equal(0L, Count(database, "SELECT count(*) FROM locations l WHERE NOT EXISTS (SELECT 1 FROM media_files m WHERE m.rowid = l.file_rowid)"));
        Assert.Equal(0L, Count(database, "SELECT count(*) FROM media_bodies b WHERE NOT EXISTS (SELECT 1 FROM media_files m WHERE m.rowid = b.rowid)"));
    }

    public static string Hash(string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
}
