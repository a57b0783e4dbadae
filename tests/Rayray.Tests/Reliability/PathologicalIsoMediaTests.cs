using Rayray.Testing.Fixtures;
using Rayray.Tests.Scanning;

namespace Rayray.Tests.Reliability;

/// <summary>HEIC files whose box headers lie: boxes larger than the file, and the size 0 and size 1 escapes where they do not fit.</summary>
public sealed class PathologicalIsoMediaTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    private static byte[] Hostile(string name) => name switch
    {
        "mdat-larger-than-the-file" => HostileIsoMedia.WithBoxSize("mdat", 0x7FFFFFFF),
        "meta-larger-than-the-file" => HostileIsoMedia.WithBoxSize("meta", 0xFFFFFFFF),
        "meta-of-7-bytes" => HostileIsoMedia.WithBoxSize("meta", 7),
        "ftyp-of-size-0-swallows-the-file" => HostileIsoMedia.WithBoxSize("ftyp", 0),
        "largesize-2^63-1" => HostileIsoMedia.WithTrailingLargeSizeBox("free", long.MaxValue),
        "largesize-2^64-1" => HostileIsoMedia.WithTrailingLargeSizeBox("free", ulong.MaxValue),
        "largesize-smaller-than-its-header" => HostileIsoMedia.WithTrailingLargeSizeBox("free", 8),
        "file-ends-inside-a-largesize-header" => HostileIsoMedia.WithTrailingBox(1, "free", 0, 0, 0, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such hostile HEIC"),
    };

    [Theory]
    [InlineData("mdat-larger-than-the-file", "truncated: box 'mdat' at offset")]
    [InlineData("meta-larger-than-the-file", "truncated: box 'meta' at offset")]
    [InlineData("meta-of-7-bytes", "damaged: box 'meta' at offset 24 has an impossible size 7")]
    [InlineData("ftyp-of-size-0-swallows-the-file", "damaged: no 'meta' box")]
    [InlineData("largesize-2^63-1", "truncated: box 'free' at offset")]
    [InlineData("largesize-2^64-1", "has an impossible size")]
    [InlineData("largesize-smaller-than-its-header", "has an impossible size 8")]
    [InlineData("file-ends-inside-a-largesize-header", "truncated: the file ends inside the header of box 'free'")]
    public async Task A_heic_whose_boxes_lie_about_their_size_is_invalid_with_the_reason_and_the_scan_goes_on(string name, string reason)
    {
        var hostile = _library.Add($"a-{name}.heic", Hostile(name));
        var after = _library.Add("b-intact.heic", TestImages.Heic(32, 32, FixtureLibrary.FullExif));

        await using var scan = await HostileScan.RunAsync(_library);

        await scan.AssertInvalidAsync(hostile, reason);
        Assert.Equal(1, scan.Summary.Invalid);
        Assert.Equal("Canon", (await scan.AssertIndexedAsync(after)).Camera?.Make);
        scan.AssertReadWithinBudget([hostile, after]);
    }

    [Fact]
    public async Task A_last_box_of_size_0_runs_to_the_end_of_the_file_and_the_heic_is_indexed()
    {
        var path = _library.Add("to-the-end.heic", HostileIsoMedia.WithTrailingBox(0, "free", new byte[100]));

        await using var scan = await HostileScan.RunAsync(_library);

        var document = await scan.AssertIndexedAsync(path);
        HostileScan.AssertDimensions(document, 64, 48);
    }
}
