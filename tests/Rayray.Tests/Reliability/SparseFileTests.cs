using System.Diagnostics;
using Rayray.Testing.Fixtures;
using Rayray.Tests.Scanning;

namespace Rayray.Tests.Reliability;

/// <summary>Files of gigabytes that take no disk space: the scan must stream them, never load them.</summary>
[Collection(MemoryBoundedScans.Name)]
public sealed class SparseFileTests : IDisposable
{
    private const long TwoGigabytes = 2L * 1024 * 1024 * 1024;

    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    private string Sparse(string relative, byte[] start, long length)
    {
        var path = _library.Add(relative, start);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Write);
        file.SetLength(length);
        return path;
    }

    [Fact]
    public async Task A_2_GB_sparse_file_named_jpg_is_invalid_quickly_in_bounded_memory()
    {
        var hostile = Sparse("a-zeros.jpg", [], TwoGigabytes);
        var after = _library.Add("b-intact.jpg", TestImages.Jpeg(16, 16));
        var clock = Stopwatch.StartNew();

        await using var memory = MemoryWatch.Start();
        await using var scan = await HostileScan.RunAsync(_library);
        memory.AssertRoseLessThan(300);

        await scan.AssertInvalidAsync(hostile, "not a valid JPEG file");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"the scan took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(TwoGigabytes, scan.Summary.BytesRead - new FileInfo(after).Length);
        await scan.AssertIndexedAsync(after);
    }

    [Fact]
    public async Task A_2_GB_sparse_jpeg_whose_scan_data_never_ends_is_invalid_in_bounded_memory()
    {
        var header = TestImages.Jpeg(64, 48, new ExifSpec { Model = "sparse" });
        // Keep everything up to the entropy-coded data: the rest of the file is zeros, a scan that never ends.
        var scanStart = header.AsSpan().LastIndexOf(new byte[] { 0xFF, 0xDA }) + 12;
        var hostile = Sparse("a-endless-scan.jpg", header[..scanStart], TwoGigabytes);
        var after = _library.Add("b-intact.jpg", TestImages.Jpeg(16, 16));

        await using var memory = MemoryWatch.Start();
        await using var scan = await HostileScan.RunAsync(_library);
        memory.AssertRoseLessThan(300);

        var document = await scan.AssertInvalidAsync(hostile, "truncated: the image data stops at byte 2147483648 without an end-of-image marker");
        Assert.Equal("sparse", document.Camera?.Model); // its headers are still read
        await scan.AssertIndexedAsync(after);
    }
}
