using Rayray.Testing.Fixtures;
using Rayray.Tests.Scanning;

namespace Rayray.Tests.Reliability;

/// <summary>PNGs with a chunk that declares far more bytes than the file holds.</summary>
[Collection(MemoryBoundedScans.Name)]
public sealed class PathologicalPngTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    [Theory]
    [InlineData(0x80000000u, "tEXt", "damaged: chunk 'tEXt' at offset 33 declares 2147483648 bytes")]
    [InlineData(0xFFFFFFFFu, "iCCP", "damaged: chunk 'iCCP' at offset 33 declares 4294967295 bytes")]
    [InlineData(0x7FFFFFFFu, "tEXt", "truncated: the file ends inside chunk 'tEXt' at offset 33")]
    [InlineData(0x7FFFFFC0u, "zTXt", "truncated: the file ends inside chunk 'zTXt' at offset 33")]
    [InlineData(0x40000000u, "iTXt", "truncated: the file ends inside chunk 'iTXt' at offset 33")]
    [InlineData(0x40000000u, "eXIf", "truncated: the file ends inside chunk 'eXIf' at offset 33")]
    public async Task A_png_chunk_declaring_gigabytes_makes_the_file_invalid_in_bounded_memory(uint declaredLength, string type, string reason)
    {
        var hostile = _library.Add("a-lying-chunk.png", HostilePng.WithChunkDeclaring(declaredLength, type));
        var after = _library.Add("b-intact.png", TestImages.Png(16, 16, FixtureLibrary.FullExif));

        await using (var memory = MemoryWatch.Start())
        {
            await using var scan = await HostileScan.RunAsync(_library);
            memory.AssertRoseLessThan(300);
            // The file holds a few hundred bytes: allocating anything like the declared length is the bug.
            memory.AssertAllocatedLessThan(100);

            await scan.AssertInvalidAsync(hostile, reason);
            Assert.Equal(1, scan.Summary.Invalid);
            Assert.Equal("Canon", (await scan.AssertIndexedAsync(after)).Camera?.Make);
            scan.AssertReadWithinBudget([hostile, after]);
        }
    }

    [Fact]
    public async Task A_png_with_a_24_MB_xmp_packet_is_indexed_without_it_in_bounded_memory_and_time()
    {
        var hostile = _library.Add("a-giant-xmp.png", HostilePng.WithGiantXmp(megabytes: 24));
        var after = _library.Add("b-intact.png", TestImages.Png(16, 16, FixtureLibrary.FullExif));

        await using var memory = MemoryWatch.Start();
        await using var scan = await HostileScan.RunAsync(_library);
        memory.AssertRoseLessThan(300);

        var document = await scan.AssertIndexedAsync(hostile);
        HostileScan.AssertDimensions(document, 8, 8);
        Assert.Contains(document.Errors, e => e.StartsWith("PNG chunk 'iTXt' at offset 33 holds", StringComparison.Ordinal) && e.EndsWith("more than 8 MB; it was not read", StringComparison.Ordinal));
        await scan.AssertIndexedAsync(after);
        scan.AssertReadWithinBudget([hostile, after]);
    }

    [Theory]
    [InlineData("zTXt")]
    [InlineData("iCCP")]
    [InlineData("iTXt")]
    public async Task A_png_with_a_chunk_that_inflates_to_a_gigabyte_is_indexed_without_it_in_bounded_memory(string type)
    {
        var hostile = _library.Add("a-inflation-bomb.png", HostilePng.WithCompressedBomb(type, inflatedMegabytes: 1024));
        var after = _library.Add("b-intact.png", TestImages.Png(16, 16, FixtureLibrary.FullExif));

        await using var memory = MemoryWatch.Start();
        await using var scan = await HostileScan.RunAsync(_library);
        memory.AssertRoseLessThan(300);
        memory.AssertAllocatedLessThan(200);

        var document = await scan.AssertIndexedAsync(hostile);
        HostileScan.AssertDimensions(document, 8, 8);
        Assert.Contains($"PNG chunk '{type}' at offset 33 inflates to more than 8 MB; it was not read", document.Errors);
        Assert.Equal("Canon", (await scan.AssertIndexedAsync(after)).Camera?.Make);
        scan.AssertReadWithinBudget([hostile, after]);
    }
}
