using Rayray.Testing;
using Rayray.Testing.Fixtures;
using Rayray.Tests.Scanning;

namespace Rayray.Tests.Reliability;

/// <summary>
/// Chunk and box containers (WebP, WAV, AVI, MP4, QuickTime, PSD) with one chunk, box or section declaring far more
/// bytes than the file holds: the scan reads them in bounded memory, never allocating what is only declared.
/// </summary>
[Collection(MemoryBoundedScans.Name)]
public sealed class PathologicalContainerTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    private async Task<HostileScan> ScanAsync(bool withFfprobe = false)
    {
        await using var memory = MemoryWatch.Start();
        var scan = await HostileScan.RunAsync(_library, withFfprobe);
        memory.AssertRoseLessThan(300);
        // The files hold a few hundred kilobytes: allocating anything like a declared length is the bug.
        memory.AssertAllocatedLessThan(200);
        return scan;
    }

    [Theory]
    [InlineData(0x7FFFFFF0u)]
    [InlineData(0x40000000u)]
    public async Task A_webp_whose_exif_chunk_declares_gigabytes_is_invalid_in_bounded_memory(uint declaredLength)
    {
        var hostile = _library.Add("a-lying-exif.webp", HostileRiff.WebPWithExifDeclaring(declaredLength));
        var after = _library.Add("b-intact.png", TestImages.Png(16, 16));

        await using var scan = await ScanAsync();

        await scan.AssertInvalidAsync(hostile, "damaged: chunk 'EXIF' at offset 30 declares");
        await scan.AssertIndexedAsync(after);
        scan.AssertReadWithinBudget([hostile, after]);
    }

    [Fact]
    public async Task A_psd_whose_image_resources_declare_gigabytes_is_invalid_in_bounded_memory()
    {
        var hostile = _library.Add("a-lying-resources.psd", HostilePsd.WithImageResourcesDeclaring(0x7FFFFFF0));
        var after = _library.Add("b-intact.png", TestImages.Png(16, 16));

        await using var scan = await ScanAsync();

        await scan.AssertInvalidAsync(hostile, "truncated: the image resources section at offset 30 declares 2147483632 bytes");
        await scan.AssertIndexedAsync(after);
        scan.AssertReadWithinBudget([hostile, after]);
    }

    [RequiresToolTheory("ffmpeg")]
    [InlineData("mp4", "mvhd", "damaged: box 'mvhd' at offset")]
    [InlineData("mov", "tkhd", "damaged: box 'tkhd' at offset")]
    [InlineData("mp4", "udta", "damaged: box 'udta' at offset")]
    [InlineData("avi", "avih", "damaged: chunk 'avih' at offset")]
    [InlineData("avi", "strh", "damaged: chunk 'strh' at offset")]
    public async Task A_movie_whose_header_box_declares_gigabytes_is_invalid_in_bounded_memory(string extension, string box, string reason)
    {
        var movie = TestMedia.Video(extension, 160, 120, "none");
        var hostile = _library.Add($"a-lying-{box}.{extension}", extension == "avi"
            ? HostileRiff.WithChunkDeclaring(movie, box, 0x7FFFFFF0)
            : HostileIsoMedia.WithNestedBoxSize(movie, box, 0x7FFFFFF0));
        var after = _library.Add("b-intact.png", TestImages.Png(16, 16));

        // Without ffprobe: the structure checks alone must find the damage.
        await using var scan = await ScanAsync();

        await scan.AssertInvalidAsync(hostile, reason);
        await scan.AssertIndexedAsync(after);
        scan.AssertReadWithinBudget([hostile, after]);
    }

    [RequiresToolFact("ffmpeg")]
    public async Task A_wav_whose_format_chunk_declares_gigabytes_is_invalid_in_bounded_memory()
    {
        var hostile = _library.Add("a-lying-fmt.wav", HostileRiff.WithChunkDeclaring(TestMedia.Audio("wav"), "fmt ", 0x7FFFFFF0));
        var after = _library.Add("b-intact.png", TestImages.Png(16, 16));

        await using var scan = await ScanAsync();

        await scan.AssertInvalidAsync(hostile, "damaged: chunk 'fmt ' at offset 12 declares 2147483632 bytes");
        await scan.AssertIndexedAsync(after);
    }
}
