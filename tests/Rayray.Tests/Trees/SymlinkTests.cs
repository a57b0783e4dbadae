using Rayray.Core.Documents;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Trees;

/// <summary>Symbolic links: skipped by default; with --follow-symlinks followed anywhere, each folder once.</summary>
public sealed class SymlinkTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-links");

    public void Dispose() => _folder.Dispose();

    private string Library => _folder["library"];

    /// <summary>library/a/one.jpg, a loop library/a/again → library, a link to a folder outside, a link to a file inside, and a dangling link.</summary>
    private void BuildTree()
    {
        _folder.Write("library/a/one.jpg", TestImages.Jpeg(16, 16, new ExifSpec { Model = "one" }));
        _folder.Write("outside/two.jpg", TestImages.Jpeg(16, 16, new ExifSpec { Model = "two" }));
        Directory.CreateSymbolicLink(_folder["library/a/again"], Library);
        Directory.CreateSymbolicLink(_folder["library/elsewhere"], _folder["outside"]);
        File.CreateSymbolicLink(_folder["library/one-link.jpg"], _folder["library/a/one.jpg"]);
        File.CreateSymbolicLink(_folder["library/gone.jpg"], _folder["nowhere/gone.jpg"]);
    }

    [UnixFact]
    public async Task By_default_links_are_skipped_so_loops_and_outside_folders_are_never_entered()
    {
        BuildTree();
        await using var store = await TestScan.OpenSqliteAsync(_folder["rayray.db"]);

        var summary = await TestScan.RunAsync(store, [Library]);

        Assert.Equal(1, await store.CountAsync(default));
        Assert.Single((await store.FindAsync(_folder["library/a/one.jpg"], default))!.Locations);
        Assert.False(summary.HadProblems);
    }

    [UnixFact]
    public async Task Following_links_walks_each_folder_once_indexes_outside_files_under_the_link_and_reports_a_dangling_link()
    {
        BuildTree();
        await using var store = await TestScan.OpenSqliteAsync(_folder["rayray.db"]);

        var summary = await TestScan.RunAsync(store, [Library], o => o with { Walk = o.Walk with { FollowSymlinks = true } });

        Assert.Equal(2, await store.CountAsync(default));
        var one = await store.FindAsync(_folder["library/a/one.jpg"], default);
        Assert.Equal([_folder["library/a/one.jpg"], _folder["library/one-link.jpg"]], one!.Locations.Select(l => l.Path).Order(StringComparer.Ordinal));
        var two = await store.FindAsync(_folder["library/elsewhere/two.jpg"], default);
        Assert.Equal("two", two?.Camera?.Model);
        Assert.Null(await store.FindAsync(_folder["library/a/again/a/one.jpg"], default)); // the loop was not entered again
        var problem = Assert.Single(summary.Problems);
        Assert.Equal(_folder["library/gone.jpg"], problem.Path);
        Assert.Contains("symbolic link to nothing", problem.Reason, StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task A_removed_link_to_an_outside_folder_leaves_its_files_missing_not_the_outside_ones_deleted()
    {
        BuildTree();
        await using var store = await TestScan.OpenSqliteAsync(_folder["rayray.db"]);
        await TestScan.RunAsync(store, [Library], o => o with { Walk = o.Walk with { FollowSymlinks = true } });

        File.Delete(_folder["library/elsewhere"]);
        await TestScan.RunAsync(store, [Library], o => o with { Walk = o.Walk with { FollowSymlinks = true } });

        Assert.True(File.Exists(_folder["outside/two.jpg"]));
        var two = await store.FindAsync(DocumentId.FromHash(TestHash(_folder["outside/two.jpg"])), default);
        Assert.Equal(DocumentStatus.Missing, two?.Status);
    }

    private static string TestHash(string path) =>
        DocumentId.HashFromDigest(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
}
