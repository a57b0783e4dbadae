using System.Diagnostics;
using Rayray.Storage.Sqlite;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Cli.Tests;

/// <summary>
/// When the database fails (a full disk, a read-only file, another process's lock, damage), the
/// scan exits 1 with one line naming the file, and the database is as it was before the failed batch.
/// </summary>
public sealed class DatabaseFaultTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-db-fault");

    public void Dispose() => _folder.Dispose();

    private string Library => _folder["library"];

    private void AddPhotos(int count, int first = 0)
    {
        for (var i = first; i < first + count; i++)
            _folder.Write($"library/{i / 250:D2}/{i:D5}.jpg", TestImages.Jpeg(16, 16, new ExifSpec { Model = $"camera {i}", Iso = (ushort)(100 + i) }));
    }

    /// <summary>The lines rayray wrote for the user (not the log): its failure message.</summary>
    private static List<string> Messages(RayrayProcess.Result result) =>
        result.StderrLines.Where(l => l.StartsWith("rayray: ", StringComparison.Ordinal)).ToList();

    [SmallDiskFact]
    public async Task A_full_disk_fails_the_scan_naming_the_file_and_keeps_every_batch_committed_before_it()
    {
        using var disk = SmallDisk.Create(kilobytes: 640);
        var database = Path.Combine(disk.Path, "rayray.db");
        AddPhotos(2000);

        var result = await RayrayProcess.RunAsync(["scan", Library, "--db", database, "--workers", "1", "--batch-size", "25", "--log-level", "debug"]);

        Assert.Equal(1, result.ExitCode);
        var message = Assert.Single(Messages(result));
        Assert.StartsWith($"rayray: the disk holding {database} is full; writing a batch of ", message, StringComparison.Ordinal);
        Assert.Contains("did not happen and the database is as it was before it", message, StringComparison.Ordinal);
        Assert.DoesNotContain(result.StderrLines, l => l.StartsWith("warning:", StringComparison.Ordinal) || l.StartsWith("error:", StringComparison.Ordinal));
        var committed = DatabaseInspection.CommittedDocuments(result.StderrLines);
        Assert.InRange(committed, 25, 1999);
        DatabaseInspection.AssertWhole(database, committed);
    }

    [FilePermissionFact]
    public async Task A_read_only_database_file_fails_the_scan_naming_the_file_and_leaves_it_as_it_was()
    {
        AddPhotos(20);
        var database = _folder["db/rayray.db"];
        Assert.Equal(0, (await RayrayProcess.RunAsync(["scan", Library, "--db", database, "--quiet"])).ExitCode);
        AddPhotos(5, first: 20);
        // Root writes whatever the permissions say, so the scan runs as nobody: it may read
        // everything, but neither write the file nor create anything beside it.
        foreach (var entry in new DirectoryInfo(_folder.Path).EnumerateFileSystemInfos("*", SearchOption.AllDirectories).Append(new DirectoryInfo(_folder.Path)))
            File.SetUnixFileMode(entry.FullName, entry is DirectoryInfo ? (UnixFileMode)Convert.ToInt32("755", 8) : (UnixFileMode)Convert.ToInt32("644", 8));
        File.SetUnixFileMode(database, (UnixFileMode)Convert.ToInt32("444", 8));
        File.SetUnixFileMode(_folder["db"], (UnixFileMode)Convert.ToInt32("555", 8));
        var before = DatabaseInspection.Hash(database);

        using var rayray = new RayrayWherePermissionsApply();
        var result = await rayray.RunAsync(["scan", Library, "--db", database]);

        Assert.Equal(1, result.ExitCode);
        var message = Assert.Single(Messages(result));
        Assert.StartsWith($"rayray: the database {database} is read-only (check the permissions of the file and its folder", message, StringComparison.Ordinal);
        Assert.Equal(before, DatabaseInspection.Hash(database));
        Assert.Equal([database], Directory.GetFiles(_folder["db"]));
        DatabaseInspection.AssertWhole(database, 20);
    }

    [Fact]
    public async Task A_database_locked_by_another_process_is_waited_for_then_the_scan_fails_naming_it()
    {
        var database = await IndexedDatabaseAsync();
        using var held = new DatabaseLock(database);
        var clock = Stopwatch.StartNew();

        var result = await RayrayProcess.RunAsync(["scan", Library, "--db", database]);

        var waited = clock.Elapsed;
        Assert.Equal(1, result.ExitCode);
        var message = Assert.Single(Messages(result));
        Assert.Equal($"rayray: the database {database} is locked by another process (waited {SqliteMediaStore.LockTimeout.TotalSeconds:0} s); recording the scan did not happen", message);
        Assert.InRange(waited, SqliteMediaStore.LockTimeout, SqliteMediaStore.LockTimeout + TimeSpan.FromSeconds(15));
        held.Release();
        DatabaseInspection.AssertWhole(database, 10);
        Assert.Equal(1L, DatabaseInspection.Count(database, "SELECT count(*) FROM scans"));
    }

    [Fact]
    public async Task A_lock_released_within_the_wait_lets_the_scan_finish()
    {
        var database = await IndexedDatabaseAsync();
        using var held = new DatabaseLock(database);
        await using var scan = RunningRayray.Start(["scan", Library, "--db", database, "--log-level", "info"]);

        await scan.WaitForLineAsync(l => l.Contains($"Waiting for another process's lock on the database {database}", StringComparison.Ordinal), "that it waits for the lock");
        held.Release();
        var result = await scan.WaitForExitAsync();

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("10 new, 0 updated, 10 unchanged", result.Stderr, StringComparison.Ordinal);
        DatabaseInspection.AssertWhole(database, 20);
    }

    [Fact]
    public async Task Garbage_instead_of_a_database_fails_with_a_clear_message_and_is_left_untouched()
    {
        AddPhotos(3);
        var garbage = new byte[16384];
        new Random(7).NextBytes(garbage);
        var database = _folder.Write("db/rayray.db", garbage);

        var result = await RayrayProcess.RunAsync(["scan", Library, "--db", database]);

        Assert.Equal(1, result.ExitCode);
        var message = Assert.Single(Messages(result));
        Assert.StartsWith($"rayray: {database} is not a rayray database or is damaged (", message, StringComparison.Ordinal);
        Assert.EndsWith("rayray writes nothing more to it: restore it from a backup, or move it aside and scan again", message, StringComparison.Ordinal);
        Assert.Equal(garbage, await File.ReadAllBytesAsync(database));
        Assert.Equal([database], Directory.GetFiles(_folder["db"]));
    }

    [Fact]
    public async Task A_database_with_damaged_pages_fails_with_a_clear_message_and_its_file_is_not_rewritten()
    {
        AddPhotos(300);
        var database = _folder["db/rayray.db"];
        Assert.Equal(0, (await RayrayProcess.RunAsync(["scan", Library, "--db", database, "--quiet"])).ExitCode);
        AddPhotos(5, first: 300);
        // Overwrite the first pages of the locations table and its folder index, which a rescan reads
        // after it has taken its lock and recorded its run (pages of the scans table, which are intact).
        var pageSize = (long)DatabaseInspection.Scalar(database, "PRAGMA page_size")!;
        var pages = new[] { "locations", "locations_folder" }.Select(name => (long)DatabaseInspection.Scalar(database, $"SELECT rootpage FROM sqlite_master WHERE name = '{name}'")!).ToList();
        await using (var file = new FileStream(database, FileMode.Open, FileAccess.Write))
        {
            var noise = new byte[pageSize];
            new Random(11).NextBytes(noise);
            foreach (var page in pages)
            {
                file.Position = (page - 1) * pageSize;
                await file.WriteAsync(noise);
            }
        }
        var before = await File.ReadAllBytesAsync(database);

        var result = await RayrayProcess.RunAsync(["scan", Library, "--db", database]);
        var doctor = await RayrayProcess.RunAsync(["doctor", "--db", database]);

        Assert.Equal(1, result.ExitCode);
        var message = Assert.Single(Messages(result));
        Assert.StartsWith($"rayray: {database} is not a rayray database or is damaged (", message, StringComparison.Ordinal);
        Assert.Equal(1, doctor.ExitCode);
        Assert.Contains($"{database} is not a rayray database or is damaged", doctor.Stdout, StringComparison.Ordinal);
        // The scan took its lock and recorded its run (a page or two of its own tables) before it met the
        // damage; the damaged pages and the documents' pages were not written.
        var after = await File.ReadAllBytesAsync(database);
        var changed = Enumerable.Range(0, before.Length / (int)pageSize)
            .Where(page => !before.AsSpan(page * (int)pageSize, (int)pageSize).SequenceEqual(after.AsSpan(page * (int)pageSize, (int)pageSize)))
            .Select(page => page + 1L)
            .ToList();
        Assert.DoesNotContain(changed, pages.Contains);
        Assert.True(changed.Count <= 4, $"pages {string.Join(", ", changed)} changed; only the scan's lock and run should be written");
    }

    /// <summary>A database holding the first 10 photos, with 10 more waiting in the library.</summary>
    private async Task<string> IndexedDatabaseAsync()
    {
        AddPhotos(10);
        var database = _folder["db/rayray.db"];
        Assert.Equal(0, (await RayrayProcess.RunAsync(["scan", Library, "--db", database, "--quiet"])).ExitCode);
        AddPhotos(10, first: 10);
        return database;
    }
}
