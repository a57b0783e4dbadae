using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Rayray.Core.Documents;
using Rayray.Core.Scanning;
using Rayray.Storage.Sqlite;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Scanning;

/// <summary>
/// Nightly rescans: moves, renames (also by case only), copies, edits, deletions and touches are
/// reflected exactly, and a rescan with nothing changed opens no file.
/// </summary>
public sealed class IncrementalSyncTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    private static byte[] Photo(int n) => TestImages.Jpeg(48, 32, new ExifSpec { Model = $"camera {n}", DateTimeOriginal = "2024:05:01 12:00:00" });

    private void Build()
    {
        for (var i = 0; i < 10; i++)
            _library.Add($"a/{i}.jpg", Photo(i));
        for (var i = 10; i < 20; i++)
            _library.Add($"b/{i}.jpg", Photo(i));
        for (var i = 20; i < 30; i++)
            _library.Add($"c/{i}.jpg", Photo(i));
    }

    private Task<ScanSummary> Scan(SqliteMediaStore store, bool prune = false) =>
        TestScan.RunAsync(store, [_library.Root], o => o with { Prune = prune });

    [Fact]
    public async Task Every_kind_of_change_is_reflected_and_the_database_matches_the_disk()
    {
        Build();
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        Assert.Equal(30, (await Scan(store)).New);
        var editedBefore = IdOfFile(_library.PathOf("a/5.jpg"));

        File.Move(_library.PathOf("a/1.jpg"), _library.PathOf("b/moved-1.jpg"));          // moved
        File.Move(_library.PathOf("a/2.jpg"), _library.PathOf("a/2-renamed.jpg"));        // renamed
        File.Move(_library.PathOf("a/3.jpg"), _library.PathOf("a/3.JPG"));                // renamed, case only
        File.Copy(_library.PathOf("a/4.jpg"), _library.PathOf("b/copy-of-4.jpg"));        // copied
        File.WriteAllBytes(_library.PathOf("a/5.jpg"), Photo(500));                       // edited
        File.Delete(_library.PathOf("a/6.jpg"));                                          // deleted
        File.SetLastWriteTimeUtc(_library.PathOf("a/7.jpg"), DateTime.UtcNow.AddHours(1)); // touched
        Directory.Delete(_library.PathOf("c"), recursive: true);                          // a folder deleted

        var rescan = await Scan(store);

        Assert.Equal(0, rescan.New);
        Assert.Equal(1, rescan.Changed);
        Assert.Equal(3, rescan.Moved);
        Assert.Equal(1, rescan.Copied);
        Assert.Equal(1, rescan.Touched);
        Assert.Equal(11, rescan.Missing);
        Assert.Equal(12, rescan.DocumentsMissing); // a/6, c/20..29 and a/5's old content
        Assert.Equal(20, rescan.Seen);
        AssertDatabaseMatchesDisk();
        var editedOld = await store.FindAsync(editedBefore, default);
        Assert.Equal(DocumentStatus.Missing, editedOld!.Status);
        Assert.Empty(editedOld.Locations);

        var quiet = await Scan(store);

        Assert.Equal(0, quiet.FilesRead);
        Assert.Equal(20, quiet.Unchanged);
        Assert.Equal(0, quiet.Missing + quiet.Moved + quiet.Copied + quiet.Changed + quiet.New);
    }

    [Fact]
    public async Task Missing_documents_come_back_when_their_file_returns_and_prune_deletes_the_rest()
    {
        Build();
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        await Scan(store);
        var away = _library.PathOf("../away");
        Directory.Move(_library.PathOf("b"), away);
        await Scan(store);
        Assert.Equal(DocumentStatus.Missing, (await store.FindAsync(IdOfFile(Path.Combine(away, "10.jpg")), default))!.Status);

        Directory.Move(away, _library.PathOf("b")); // the drive is plugged back in
        var back = await Scan(store);
        var restored = await store.FindAsync(_library.PathOf("b/10.jpg"), default);
        Assert.Equal(DocumentStatus.Indexed, restored!.Status);
        Assert.Equal(10, back.Copied + back.Moved);

        File.Delete(_library.PathOf("a/0.jpg"));
        var pruned = await Scan(store, prune: true);
        Assert.Equal(1, pruned.DocumentsPruned);
        Assert.Equal(29, await store.CountAsync(default));
        AssertDatabaseMatchesDisk();
    }

    [Fact]
    public async Task Only_locations_under_the_scanned_roots_are_marked_missing()
    {
        Build();
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        await Scan(store);
        File.Delete(_library.PathOf("a/0.jpg"));
        File.Delete(_library.PathOf("b/10.jpg"));

        var partial = await TestScan.RunAsync(store, [_library.PathOf("a")]);

        Assert.Equal(1, partial.Missing);
        Assert.NotNull(await store.FindAsync(_library.PathOf("b/10.jpg"), default)); // not scanned: still recorded
    }

    [Fact]
    public async Task A_root_that_looks_unmounted_marks_nothing_missing()
    {
        Build();
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        await TestScan.RunAsync(store, [_library.PathOf("a")]);
        foreach (var file in Directory.GetFiles(_library.PathOf("a")))
            File.Delete(file); // like a share whose mount point is empty

        var empty = await TestScan.RunAsync(store, [_library.PathOf("a")]);

        Assert.Equal(0, empty.Missing);
        Assert.Equal(10, await store.CountAsync(default));
    }

    [Fact]
    public async Task A_stopped_scan_marks_nothing_missing()
    {
        Build();
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        await Scan(store);
        File.Delete(_library.PathOf("c/25.jpg"));
        using var stop = new CancellationTokenSource();
        await stop.CancelAsync();

        var stopped = await TestScan.RunAsync(store, [_library.Root], stop: stop.Token);

        Assert.True(stopped.Interrupted);
        Assert.False(stopped.WalkCompleted);
        Assert.Equal(0, stopped.Missing);
        Assert.NotNull(await store.FindAsync(_library.PathOf("c/25.jpg"), default));
    }

    [Fact]
    public async Task Verify_reports_bytes_that_changed_under_an_unchanged_size_and_date()
    {
        Build();
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        await Scan(store);
        var victim = _library.PathOf("b/12.jpg");
        var modified = File.GetLastWriteTimeUtc(victim);
        var bytes = File.ReadAllBytes(victim);
        bytes[^10] ^= 0x01; // one flipped bit inside the image data
        File.WriteAllBytes(victim, bytes);
        File.SetLastWriteTimeUtc(victim, modified);

        var normal = await Scan(store);
        Assert.Equal(0, normal.BitRot); // a normal scan sees the ctime change and reads it as an edit
        File.WriteAllBytes(victim, bytes.Select((b, i) => i == bytes.Length - 11 ? (byte)(b ^ 0x01) : b).ToArray());
        File.SetLastWriteTimeUtc(victim, modified);
        var verify = await TestScan.RunAsync(store, [_library.Root], o => o with { Walk = o.Walk with { Verify = true } });

        Assert.Equal(30, verify.FilesRead); // --verify reads everything
        Assert.Equal(1, verify.BitRot);
        var problem = Assert.Single(verify.Problems, p => p.Path == victim);
        Assert.Contains("bit rot", problem.Reason, StringComparison.Ordinal);
    }

    private static string IdOfFile(string path) => DocumentId.FromHash(DocumentId.HashFromDigest(SHA256.HashData(File.ReadAllBytes(path))));

    /// <summary>Every file on disk is a location of the document of its hash, and nothing else is.</summary>
    private void AssertDatabaseMatchesDisk()
    {
        var truth = Directory.GetFiles(_library.Root, "*", SearchOption.AllDirectories)
            .ToDictionary(path => path, path => DocumentId.HashFromDigest(SHA256.HashData(File.ReadAllBytes(path))), StringComparer.Ordinal);
        using var connection = new SqliteConnection($"Data Source={_library.DatabasePath};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT l.path, m.hash FROM locations l JOIN media_files m ON m.rowid = l.file_rowid";
        var recorded = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                recorded[reader.GetString(0)] = reader.GetString(1);
        }
        Assert.Equal(truth.OrderBy(p => p.Key, StringComparer.Ordinal), recorded.OrderBy(p => p.Key, StringComparer.Ordinal));
        command.CommandText = """
            SELECT count(*) FROM media_files m
            WHERE (status = 'missing') = EXISTS (SELECT 1 FROM locations l WHERE l.file_rowid = m.rowid)
            """;
        Assert.Equal(0L, command.ExecuteScalar()); // missing exactly when no location is left
    }
}
