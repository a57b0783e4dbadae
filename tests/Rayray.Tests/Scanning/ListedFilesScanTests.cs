using Rayray.Core.Common;
using Rayray.Core.Documents;
using Rayray.Core.Scanning;
using Rayray.Core.Storage;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Scanning;

/// <summary>Scans of the files a list names (<c>--files-from</c>): those files and nothing around them.</summary>
public sealed class ListedFilesScanTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    private static byte[] Jpeg(string model) => TestImages.Jpeg(32, 24, FixtureLibrary.FullExif with { Model = model });

    private static Task<ScanSummary> ScanListAsync(IMediaStore store, IEnumerable<string> files, params string[] excludes) =>
        TestScan.RunAsync(store, [], o => o with
        {
            Walk = o.Walk with { Files = [.. files], Excludes = [.. excludes.Select(g => Glob.Parse(g, ignoreCase: true))] },
        });

    [Fact]
    public async Task Only_the_listed_files_are_indexed_whatever_their_names_hold()
    {
        var odd = new[] { "with space.jpg", "with\ttab.jpg", "with\nnewline.jpg", " leading and trailing .jpg" };
        for (var i = 0; i < odd.Length; i++)
            _library.Add($"trip/{odd[i]}", Jpeg($"model {i}"));
        _library.Add("trip/not listed.jpg", Jpeg("other"));
        _library.Add("trip/deeper/not walked.jpg", Jpeg("deeper"));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var summary = await ScanListAsync(store, [.. odd.Select(n => _library.PathOf($"trip/{n}")), _library.PathOf("trip/deeper")]);

        Assert.Equal(odd.Length, summary.New);
        Assert.Empty(summary.Problems);
        for (var i = 0; i < odd.Length; i++)
            Assert.Equal($"model {i}", (await store.FindAsync(_library.PathOf($"trip/{odd[i]}"), default))?.Camera?.Model);
        Assert.Equal(odd.Length, await store.CountAsync(default));
        Assert.Equal(["listed files under " + _library.PathOf("trip")], summary.Roots);
    }

    [Fact]
    public async Task A_listed_file_that_does_not_exist_is_a_problem_and_nothing_outside_the_list_is_marked_missing()
    {
        foreach (var name in new[] { "a.jpg", "b.jpg", "c.jpg" })
            _library.Add(name, Jpeg(name));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        await TestScan.RunAsync(store, [_library.Root]);
        File.Delete(_library.PathOf("b.jpg"));
        File.Delete(_library.PathOf("c.jpg"));

        var summary = await ScanListAsync(store, [_library.PathOf("a.jpg"), _library.PathOf("c.jpg")]);

        var problem = Assert.Single(summary.Problems);
        Assert.Equal((_library.PathOf("c.jpg"), "no such file"), (problem.Path, problem.Reason));
        Assert.Equal(1, summary.Unchanged);
        // The listed file that is gone loses its location; b.jpg, gone too but not listed, is left alone.
        Assert.Equal(1, summary.Missing);
        Assert.Equal(DocumentStatus.Missing, (await store.FindAsync(DocumentId.FromHash(DocumentId.HashFromDigest(System.Security.Cryptography.SHA256.HashData(Jpeg("c.jpg")))), default))?.Status);
        Assert.Equal(DocumentStatus.Indexed, (await store.FindAsync(_library.PathOf("b.jpg"), default))?.Status);
    }

    [Fact]
    public async Task Exclusions_hidden_names_and_sidecars_apply_to_listed_files_as_in_a_walk()
    {
        var kept = _library.Add("kept.jpg", Jpeg("kept"));
        _library.Add("kept.jpg.xmp", TestImages.Xmp(title: "From the sidecar", rating: 5));
        var excluded = _library.Add("draft-1.jpg", Jpeg("draft"));
        var hidden = _library.Add(".hidden/h.jpg", Jpeg("hidden"));
        var sidecar = _library.PathOf("kept.jpg.xmp");
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var summary = await ScanListAsync(store, [kept, excluded, hidden, sidecar], "draft-*");

        Assert.Equal(1, summary.New);
        var document = await store.FindAsync(kept, default);
        Assert.Equal(5, document?.Rating);
        Assert.Equal(sidecar, document?.Locations[0].Sidecar?.Path);
    }

    [Fact]
    public async Task Unchanged_listed_files_are_not_read_again()
    {
        var files = new[] { _library.Add("one.jpg", Jpeg("1")), _library.Add("sub/two.jpg", Jpeg("2")) };
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        await ScanListAsync(store, files);

        var again = await ScanListAsync(store, files);

        Assert.Equal((2L, 0L), (again.Unchanged, again.FilesRead));
    }
}
