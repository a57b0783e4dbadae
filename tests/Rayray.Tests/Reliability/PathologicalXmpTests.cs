using Rayray.Testing.Fixtures;
using Rayray.Tests.Scanning;

namespace Rayray.Tests.Reliability;

/// <summary>
/// XMP built to hurt an XML parser — entity expansion, nesting thousands of levels deep, broken XML — embedded in
/// a JPEG, a PNG, and as a sidecar. The picture is indexed; the XMP problem is at most a note.
/// </summary>
[Collection(MemoryBoundedScans.Name)]
public sealed class PathologicalXmpTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    private static string Hostile(string name) => name switch
    {
        "entity-expansion" => HostileXmp.EntityExpansion(),
        "structs-30-deep" => HostileXmp.NestedStructs(30),
        "bags-1500-deep" => HostileXmp.DeeplyNested(1500),
        "bags-200000-deep" => HostileXmp.DeeplyNested(200_000),
        "100000-attributes" => HostileXmp.ManyAttributes(100_000),
        "broken" => HostileXmp.Broken(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no such hostile XMP"),
    };

    /// <summary>The shapes XmpCore cannot parse in reasonable time, and the note that says the packet was left out.</summary>
    private static string? LeftOutBecause(string name) => name switch
    {
        "structs-30-deep" or "bags-1500-deep" or "bags-200000-deep" => "nests properties more than 20 levels deep; it was not read",
        "100000-attributes" => "more than 4,096 attributes; it was not read",
        _ => null,
    };

    [Theory]
    [InlineData("entity-expansion", "jpg")]
    [InlineData("structs-30-deep", "jpg")]
    [InlineData("bags-1500-deep", "jpg")]
    [InlineData("broken", "jpg")]
    [InlineData("structs-30-deep", "jpg-exif")]
    [InlineData("structs-30-deep", "tiff")]
    [InlineData("100000-attributes", "tiff")]
    [InlineData("structs-30-deep", "heic")]
    [InlineData("entity-expansion", "png")]
    [InlineData("structs-30-deep", "png")]
    [InlineData("bags-200000-deep", "png")]
    [InlineData("broken", "png")]
    [InlineData("entity-expansion", "sidecar")]
    [InlineData("structs-30-deep", "sidecar")]
    [InlineData("bags-200000-deep", "sidecar")]
    [InlineData("100000-attributes", "sidecar")]
    [InlineData("broken", "sidecar")]
    public async Task A_photo_with_hostile_xmp_is_indexed_in_bounded_memory_and_the_scan_goes_on(string name, string where)
    {
        var xmp = Hostile(name);
        var hostile = where switch
        {
            "jpg" => _library.Add("a-hostile.jpg", TestImages.Jpeg(64, 48, xmp: xmp)),
            "jpg-exif" => _library.Add("a-hostile.jpg", TestImages.Jpeg(64, 48, new ExifSpec { Make = "Nikon", Xmp = xmp })),
            "tiff" => _library.Add("a-hostile.tif", TestImages.Tiff(64, 48, new ExifSpec { Make = "Nikon", Xmp = xmp })),
            "heic" => _library.Add("a-hostile.heic", TestImages.Heic(64, 48, xmp: xmp)),
            "png" => _library.Add("a-hostile.png", TestImages.Png(64, 48, text: new Dictionary<string, string> { ["XML:com.adobe.xmp"] = "€" + xmp })),
            _ => _library.Add("a-hostile.jpg", TestImages.Jpeg(64, 48)),
        };
        if (where == "sidecar")
            _library.Add("a-hostile.jpg.xmp", xmp);
        var after = _library.Add("b-intact.jpg", TestImages.Jpeg(16, 16, FixtureLibrary.FullExif));

        await using var memory = MemoryWatch.Start();
        await using var scan = await HostileScan.RunAsync(_library);
        memory.AssertRoseLessThan(300);

        var document = await scan.AssertIndexedAsync(hostile);
        HostileScan.AssertDimensions(document, 64, 48);
        if (where is "jpg-exif" or "tiff")
            Assert.Equal("Nikon", document.Camera?.Make);
        if (LeftOutBecause(name) is { } because)
            Assert.Contains(document.Errors, e => e.Contains(because, StringComparison.Ordinal));
        Assert.Equal("Canon", (await scan.AssertIndexedAsync(after)).Camera?.Make);
        scan.AssertReadWithinBudget([hostile, after]);
    }
}
