using Rayray.Testing.Fixtures;
using Rayray.Tests.Scanning;

namespace Rayray.Tests.Reliability;

/// <summary>
/// TIFF image file directories built to hurt a reader: entry counts far beyond the file, values past its end,
/// and directory links that loop. In a TIFF the directories are the file's structure, so such a file is
/// invalid; in a JPEG they are only its EXIF block, so the intact picture is indexed and the EXIF problem is
/// at most a note (docs/architecture.md, "What invalid means").
/// </summary>
public sealed class PathologicalTiffTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    private static byte[] Hostile(string name) => name switch
    {
        "ifd0-declares-65535-entries" => HostileTiff.HugeEntryCount(),
        "bigtiff-ifd0-declares-2^31-entries" => HostileTiff.BigTiffHugeEntryCount(),
        "entries-point-past-the-end" => HostileTiff.EntriesPastTheEnd(),
        "ifd0-to-ifd1-to-ifd0" => HostileTiff.IfdChainLoop(),
        "ifd0-linked-to-itself" => HostileTiff.SelfLinkedIfd(),
        "sub-ifds-point-back-to-their-parents" => HostileTiff.SubIfdLoop(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such hostile TIFF"),
    };

    [Theory]
    [InlineData("ifd0-declares-65535-entries", "truncated: IFD0 at offset 8 declares 65535 entries")]
    [InlineData("bigtiff-ifd0-declares-2^31-entries", "cannot read the TIFF structure")]
    [InlineData("entries-point-past-the-end", "truncated:")]
    [InlineData("ifd0-to-ifd1-to-ifd0", "damaged: the IFD at offset 8 links back into its own chain")]
    [InlineData("ifd0-linked-to-itself", "damaged: the IFD at offset 8 links back into its own chain")]
    [InlineData("sub-ifds-point-back-to-their-parents", "damaged: the IFD at offset 8 links back into its own chain")]
    public async Task A_tiff_whose_directories_lie_or_loop_is_invalid_with_the_reason_and_the_scan_goes_on(string name, string reason)
    {
        var before = _library.Add("a-intact.tif", TestImages.Tiff(16, 16, FixtureLibrary.FullExif));
        var hostile = _library.Add($"b-{name}.tif", Hostile(name));
        var after = _library.Add("c-intact.jpg", TestImages.Jpeg(16, 16, FixtureLibrary.FullExif));

        await using var scan = await HostileScan.RunAsync(_library);

        await scan.AssertInvalidAsync(hostile, reason);
        Assert.Equal(1, scan.Summary.Invalid);
        Assert.Equal("Canon", (await scan.AssertIndexedAsync(before)).Camera?.Make);
        Assert.Equal("Canon", (await scan.AssertIndexedAsync(after)).Camera?.Make);
        scan.AssertReadWithinBudget([before, hostile, after]);
    }

    [Theory]
    [InlineData("ifd0-declares-65535-entries")]
    [InlineData("bigtiff-ifd0-declares-2^31-entries")]
    [InlineData("entries-point-past-the-end")]
    [InlineData("ifd0-to-ifd1-to-ifd0")]
    [InlineData("ifd0-linked-to-itself")]
    [InlineData("sub-ifds-point-back-to-their-parents")]
    public async Task A_jpeg_whose_exif_directories_lie_or_loop_is_indexed_and_the_scan_goes_on(string name)
    {
        var hostile = _library.Add($"a-{name}.jpg", HostileJpeg.WithExif(Hostile(name)));
        var after = _library.Add("b-intact.jpg", TestImages.Jpeg(16, 16, FixtureLibrary.FullExif));

        await using var scan = await HostileScan.RunAsync(_library);

        var document = await scan.AssertIndexedAsync(hostile);
        HostileScan.AssertDimensions(document, 64, 48);
        Assert.Equal(0, scan.Summary.Invalid);
        await scan.AssertIndexedAsync(after);
        scan.AssertReadWithinBudget([hostile, after]);
    }
}
