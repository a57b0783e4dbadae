using Rayray.Core.Common;
using Rayray.Core.Documents;
using Rayray.Core.Walking;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Scanning;

/// <summary>The scan end to end, over generated files on disk, into a real SQLite database.</summary>
public sealed class ScanPipelineTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    private static byte[] Jpeg(string model = "EOS R5") => TestImages.Jpeg(64, 48, FixtureLibrary.FullExif with { Model = model });

    [Fact]
    public async Task Scan_marks_truncated_jpeg_invalid_and_keeps_going()
    {
        _library.Add("a.jpg", Jpeg("A"));
        _library.Add("b.jpg", Jpeg("B"));
        var whole = TestImages.Jpeg(640, 480, FixtureLibrary.FullExif);
        _library.Add("cut.jpg", whole[..(whole.Length * 2 / 3)]);
        _library.Add("c.jpg", Jpeg("C"));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var summary = await TestScan.RunAsync(store, [_library.Root]);

        Assert.Equal(4, summary.New);
        Assert.Equal(1, summary.Invalid);
        var problem = Assert.Single(summary.Problems);
        Assert.Equal(_library.PathOf("cut.jpg"), problem.Path);
        var cut = await store.FindAsync(_library.PathOf("cut.jpg"), default);
        Assert.Equal(DocumentStatus.Invalid, cut!.Status);
        Assert.StartsWith("truncated", cut.Errors[0], StringComparison.Ordinal);
        Assert.Equal("Canon", cut.Camera?.Make); // its headers are still read
        foreach (var name in new[] { "a.jpg", "b.jpg", "c.jpg" })
            Assert.Equal(DocumentStatus.Indexed, (await store.FindAsync(_library.PathOf(name), default))!.Status);
    }

    [Fact]
    public async Task Empty_files_and_impostors_are_indexed_as_invalid_with_the_reason()
    {
        _library.Add("empty.jpg", []);
        _library.Add("notes.jpg", "this is a text file with a photo's name");
        _library.Add("png-named.jpg", TestImages.Png(8, 8));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var summary = await TestScan.RunAsync(store, [_library.Root]);

        Assert.Equal(2, summary.Invalid);
        var empty = await store.FindAsync(_library.PathOf("empty.jpg"), default);
        Assert.Equal(["empty file (0 bytes)"], empty!.Errors);
        Assert.Equal("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", empty.File.Hash);
        var notes = await store.FindAsync(_library.PathOf("notes.jpg"), default);
        Assert.Equal(DocumentStatus.Invalid, notes!.Status);
        Assert.Contains("not a valid JPEG", notes.Errors[0], StringComparison.Ordinal);
        var png = await store.FindAsync(_library.PathOf("png-named.jpg"), default);
        Assert.Equal(DocumentStatus.Indexed, png!.Status);
        Assert.Equal("image/png", png.File.MimeType);
        Assert.Contains("the name says JPEG but the content is PNG", png.Errors);
    }

    [Fact]
    public async Task Media_is_recognized_by_content_and_other_files_are_left_out()
    {
        _library.Add("no-extension", Jpeg());
        _library.Add("odd.extension", TestImages.Tiff(16, 16));
        _library.Add("README", "hello");
        _library.Add("list.txt", "1, 2, 3");
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var summary = await TestScan.RunAsync(store, [_library.Root]);

        Assert.Equal(2, summary.New);
        Assert.Equal("image/jpeg", (await store.FindAsync(_library.PathOf("no-extension"), default))?.File.MimeType);
        Assert.Equal("image/tiff", (await store.FindAsync(_library.PathOf("odd.extension"), default))?.File.MimeType);
        Assert.Null(await store.FindAsync(_library.PathOf("README"), default));
    }

    [Fact]
    public async Task Copies_are_one_document_with_a_location_each()
    {
        var bytes = Jpeg();
        _library.Add("2024/IMG_0001.jpg", bytes);
        _library.Add("backup/IMG_0001.jpg", bytes);
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        await TestScan.RunAsync(store, [_library.Root]);

        Assert.Equal(1, await store.CountAsync(default));
        var document = await store.FindAsync(_library.PathOf("backup/IMG_0001.jpg"), default);
        Assert.Equal(2, document!.Locations.Count);
    }

    [Fact]
    public async Task A_second_scan_reads_no_unchanged_file()
    {
        for (var i = 0; i < 12; i++)
            _library.Add($"f{i / 5}/p{i}.jpg", Jpeg($"model {i}"));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        var first = await TestScan.RunAsync(store, [_library.Root]);

        var second = await TestScan.RunAsync(store, [_library.Root]);

        Assert.Equal(12, first.FilesRead);
        Assert.Equal(0, second.FilesRead);
        Assert.Equal(12, second.Unchanged);
        Assert.Equal(0, second.New);
    }

    [Fact]
    public async Task Force_reads_unchanged_files_again()
    {
        _library.Add("p.jpg", Jpeg());
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        await TestScan.RunAsync(store, [_library.Root]);

        var forced = await TestScan.RunAsync(store, [_library.Root], o => o with { Walk = o.Walk with { Force = true } });

        Assert.Equal(1, forced.FilesRead);
        Assert.Equal(1, forced.Updated);
    }

    [Fact]
    public async Task Hidden_files_and_system_folders_are_skipped_unless_asked_for()
    {
        _library.Add("visible.jpg", Jpeg("visible"));
        _library.Add(".hidden.jpg", Jpeg("hidden"));
        _library.Add(".cache/in-hidden-folder.jpg", Jpeg("in hidden folder"));
        _library.Add("@eaDir/visible.jpg/SYNOPHOTO_THUMB_XL.jpg", Jpeg("thumbnail"));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var plain = await TestScan.RunAsync(store, [_library.Root]);
        var withHidden = await TestScan.RunAsync(store, [_library.Root], o => o with { Walk = o.Walk with { IncludeHidden = true } });

        Assert.Equal(1, plain.New);
        Assert.Equal(2, withHidden.New);
        Assert.Null(await store.FindAsync(_library.PathOf("@eaDir/visible.jpg/SYNOPHOTO_THUMB_XL.jpg"), default));
    }

    [Fact]
    public async Task Excluded_globs_are_not_scanned()
    {
        _library.Add("keep/a.jpg", Jpeg("a"));
        _library.Add("keep/b.JPG", Jpeg("b"));
        _library.Add("exports/c.jpg", Jpeg("c"));
        _library.Add("keep/deep/tmp/d.jpg", Jpeg("d"));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var summary = await TestScan.RunAsync(store, [_library.Root], o => o with
        {
            Walk = o.Walk with { Excludes = [Glob.Parse("exports/**", true), Glob.Parse("*.jpg", true)] },
        });

        Assert.Equal(0, summary.New);
        summary = await TestScan.RunAsync(store, [_library.Root], o => o with
        {
            Walk = o.Walk with { Excludes = [Glob.Parse("exports", true), Glob.Parse("tmp", true)] },
        });
        Assert.Equal(2, summary.New);
    }

    [Fact]
    public async Task A_single_file_can_be_a_root_and_overlapping_roots_are_scanned_once()
    {
        var file = _library.Add("sub/one.jpg", Jpeg());
        _library.Add("two.jpg", Jpeg("two"));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var single = await TestScan.RunAsync(store, [file]);
        var overlapping = await TestScan.RunAsync(store, [_library.Root, _library.PathOf("sub"), file]);

        Assert.Equal(1, single.New);
        Assert.Equal(1, overlapping.New);
        Assert.Equal(1, overlapping.Unchanged);
        Assert.Equal([_library.Root], MediaWalker.NormalizeRoots([_library.Root, _library.PathOf("sub"), file]));
    }

    [Fact]
    public async Task A_stopped_scan_keeps_what_was_already_read()
    {
        for (var i = 0; i < 300; i++)
            _library.Add($"many/{i:D3}.jpg", TestImages.Jpeg(32, 32, new ExifSpec { Model = $"camera {i}" }));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        using var stop = new CancellationTokenSource();

        var pipeline = new Rayray.Core.Scanning.ScanPipeline(store, new Rayray.Core.Scanning.ScanOptions
        {
            Walk = new WalkOptions { Roots = [_library.Root] },
            Workers = 1,
        }, Serilog.Core.Logger.None);
        var run = pipeline.RunAsync(stop.Token);
        while (pipeline.Progress.FilesRead < 20 && !run.IsCompleted)
            await Task.Delay(5);
        await stop.CancelAsync();
        var summary = await run;

        Assert.True(summary.Interrupted);
        Assert.True(summary.FilesRead >= 20);
        // Every file that was read is committed, and nothing else.
        Assert.Equal(summary.FilesRead, await store.CountAsync(default));
        Assert.Equal(summary.FilesRead, summary.New);
    }
}

public sealed class SpecialFileTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    [Rayray.Testing.UnixFact]
    public async Task A_fifo_named_like_a_video_is_not_opened()
    {
        _library.Add("real.jpg", TestImages.Jpeg(8, 8));
        var fifo = _library.PathOf("pipe.mp4");
        Rayray.Testing.ExternalTool.Run("mkfifo", fifo);
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var summary = await TestScan.RunAsync(store, [_library.Root]).WaitAsync(timeout.Token);

        Assert.Equal(1, summary.New);
        Assert.Null(await store.FindAsync(fifo, default));
    }
}
