using Rayray.Testing.Fixtures;
using Rayray.Tests.Scanning;

namespace Rayray.Tests.Reliability;

/// <summary>
/// JPEGs whose picture is intact but whose metadata segments are built to exhaust a reader: tens of megabytes of
/// XMP, extended-XMP segments declaring gigabytes, thousands of APP segments. The picture is indexed; what the
/// reader may spend on it is bounded.
/// </summary>
[Collection(MemoryBoundedScans.Name)]
public sealed class PathologicalJpegTests : IDisposable
{
    private const int MemoryLimitMegabytes = 300;

    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    /// <param name="allocationLimitMegabytes">
    /// When the file's real content is small, a limit on everything the scan allocates, however briefly: a buffer
    /// sized by a length the file only declares shows up here.
    /// </param>
    private async Task<HostileScan> ScanWithinMemoryLimitAsync(int? allocationLimitMegabytes = null)
    {
        await using var memory = MemoryWatch.Start();
        var scan = await HostileScan.RunAsync(_library);
        memory.AssertRoseLessThan(MemoryLimitMegabytes);
        if (allocationLimitMegabytes is { } limit)
            memory.AssertAllocatedLessThan(limit);
        return scan;
    }

    [Fact]
    public async Task A_jpeg_with_24_MB_of_extended_xmp_is_indexed_without_it_in_bounded_memory_and_time()
    {
        var hostile = _library.Add("a-giant-xmp.jpg", HostileJpeg.WithGiantExtendedXmp(megabytes: 24));
        var after = _library.Add("b-intact.jpg", TestImages.Jpeg(16, 16, FixtureLibrary.FullExif));

        await using var scan = await ScanWithinMemoryLimitAsync();

        var document = await scan.AssertIndexedAsync(hostile);
        HostileScan.AssertDimensions(document, 64, 48);
        // Parsed, XMP takes ten times its size in memory: a packet over 8 MB is left out, and that is noted.
        Assert.Contains(document.Errors, e => e.Contains("more than 8 MB; it was not read", StringComparison.Ordinal));
        await scan.AssertIndexedAsync(after);
        scan.AssertReadWithinBudget([hostile, after]);
    }

    [Theory]
    [InlineData(0xFFFFFFF0u)]
    [InlineData(0x7FFFFFF0u)]
    [InlineData(0x40000000u)]
    public async Task A_jpeg_whose_extended_xmp_declares_gigabytes_is_indexed_in_bounded_memory(uint declaredLength)
    {
        var hostile = _library.Add("a-lying-xmp.jpg", HostileJpeg.WithLyingExtendedXmp(declaredLength));
        var after = _library.Add("b-intact.jpg", TestImages.Jpeg(16, 16, FixtureLibrary.FullExif));

        await using var scan = await ScanWithinMemoryLimitAsync(allocationLimitMegabytes: 100);

        var document = await scan.AssertIndexedAsync(hostile);
        HostileScan.AssertDimensions(document, 64, 48);
        Assert.Contains(document.Errors, e => e.Contains("extended XMP packet", StringComparison.Ordinal) && e.EndsWith("it was not read", StringComparison.Ordinal));
        await scan.AssertIndexedAsync(after);
        scan.AssertReadWithinBudget([hostile, after]);
    }

    [Fact]
    public async Task A_jpeg_behind_a_chain_of_1000_app_segments_is_indexed_in_bounded_memory_and_time()
    {
        var hostile = _library.Add("a-app-chain.jpg", HostileJpeg.WithAppSegmentChain(count: 1000));
        var after = _library.Add("b-intact.jpg", TestImages.Jpeg(16, 16));

        await using var scan = await ScanWithinMemoryLimitAsync();

        var document = await scan.AssertIndexedAsync(hostile);
        HostileScan.AssertDimensions(document, 64, 48);
        await scan.AssertIndexedAsync(after);
        scan.AssertReadWithinBudget([hostile, after]);
    }

    [Fact]
    public async Task A_jpeg_with_a_20_MB_icc_profile_declaring_4_billion_tags_is_indexed_in_bounded_memory_and_time()
    {
        var hostile = _library.Add("a-icc-chain.jpg", HostileJpeg.WithGiantIccChain(count: 320));
        var after = _library.Add("b-intact.jpg", TestImages.Jpeg(16, 16));

        await using var scan = await ScanWithinMemoryLimitAsync();

        await scan.AssertIndexedAsync(hostile);
        await scan.AssertIndexedAsync(after);
        scan.AssertReadWithinBudget([hostile, after]);
    }
}
