using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Cli.Tests;

/// <summary>SIGKILL in the middle of a scan loses nothing that was committed, and the next run finishes the work.</summary>
public sealed partial class KillTests : IDisposable
{
    private const int Files = 4000;
    private readonly TempFolder _folder = new("rayray-kill");

    public void Dispose() => _folder.Dispose();

    [GeneratedRegex(@"Committed batch (\d+): (\d+) documents")]
    private static partial Regex CommittedBatch();

    [GeneratedRegex(@"([\d,]+) files read")]
    private static partial Regex FilesRead();

    [UnixFact]
    public async Task A_killed_scan_leaves_every_committed_batch_and_the_next_run_ends_like_an_uninterrupted_one()
    {
        var library = _folder["library"];
        for (var i = 0; i < Files; i++)
            _folder.Write($"library/{i / 500}/{i:D5}.jpg", TestImages.Jpeg(16, 16, new ExifSpec { Model = $"camera {i}", Iso = (ushort)(100 + i) }));
        var killed = _folder["killed.db"];

        // Kill it as soon as a batch is reported committed: the earliest moment that proves something
        // was committed, and the one furthest from the end of the scan. Test runs share the cores: when
        // this process is starved long enough for the whole scan to end before the kill, it tries again.
        int exitCode = 0;
        for (var attempt = 1; attempt <= 3 && exitCode == 0; attempt++)
        {
            foreach (var file in Directory.GetFiles(_folder.Path, "killed.db*"))
                File.Delete(file);
            exitCode = await KillAfterTheFirstBatchAsync(library, killed);
        }
        Assert.NotEqual(0, exitCode);

        var afterKill = Count(killed);
        Assert.Equal("ok", Scalar(killed, "PRAGMA integrity_check"));
        Assert.InRange(afterKill, 50, Files - 1);
        Assert.Equal(0L, Scalar(killed, "SELECT count(*) FROM media_files m WHERE NOT EXISTS (SELECT 1 FROM locations l WHERE l.file_rowid = m.rowid)"));
        Assert.Equal(afterKill, Scalar(killed, "SELECT count(*) FROM media_bodies WHERE json_valid(body) AND json_valid(raw)"));

        // The next run reads only what was not committed.
        var resumed = await RayrayProcess.RunAsync(["scan", library, "--db", killed]);
        Assert.Equal(0, resumed.ExitCode);
        Assert.Equal(Files - afterKill, long.Parse(FilesRead().Match(resumed.Stderr).Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));

        // And the database ends as an uninterrupted scan leaves it.
        var clean = _folder["clean.db"];
        Assert.Equal(0, (await RayrayProcess.RunAsync(["scan", library, "--db", clean])).ExitCode);
        Assert.Equal(Snapshot(clean), Snapshot(killed));
    }

    /// <summary>Starts a scan and kills it (SIGKILL: no chance to clean up) when its first batch is reported committed; its exit code.</summary>
    private static async Task<int> KillAfterTheFirstBatchAsync(string library, string database)
    {
        var start = RayrayProcess.StartInfo(["scan", library, "--db", database, "--workers", "1", "--batch-size", "50", "--log-level", "debug"]);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var committed = 0;
        var stdout = process.StandardOutput.ReadToEndAsync();
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            if (CommittedBatch().IsMatch(line) && ++committed == 1)
            {
                process.Kill();
                break;
            }
        }
        await process.WaitForExitAsync();
        await stdout;
        Assert.Equal(1, committed);
        return process.ExitCode;
    }

    /// <summary>Every document and location, without the times that say when the scan ran.</summary>
    private static List<string> Snapshot(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT m.hash || ' ' || m.status || ' ' || json_remove(b.body, '$.timestamps.ingested') || ' ' || b.raw || ' ' ||
                   (SELECT group_concat(l.path || ':' || l.size || ':' || l.modified_ticks, '|') FROM locations l WHERE l.file_rowid = m.rowid)
            FROM media_files m JOIN media_bodies b ON b.rowid = m.rowid ORDER BY m.hash
            """;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add(reader.GetString(0));
        return rows;
    }

    private static long Count(string database) => (long)Scalar(database, "SELECT count(*) FROM media_files")!;

    private static object? Scalar(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
