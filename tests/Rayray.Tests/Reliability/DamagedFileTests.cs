using Rayray.Testing;
using Rayray.Testing.Fixtures;
using Rayray.Tests.Scanning;

namespace Rayray.Tests.Reliability;

/// <summary>
/// Generated photos and videos, damaged the ways disks, transfers and hostile writers damage files: cut short at
/// every header boundary and at offsets through the file, bytes flipped, ranges zeroed, segments repeated.
/// </summary>
public sealed class DamagedFileTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    private static byte[] Photo(string extension)
    {
        var xmp = TestImages.Xmp(title: "Harbour", description: "Boats at dawn", subjects: ["boats", "dawn"], rating: 4);
        return extension switch
        {
            "jpg" => TestImages.Jpeg(200, 120, FixtureLibrary.FullExif, xmp, ["harbour"], restartInterval: 2),
            "tif" => TestImages.Tiff(96, 64, FixtureLibrary.FullExif),
            "png" => TestImages.Png(64, 48, FixtureLibrary.FullExif, new Dictionary<string, string> { ["Title"] = "Harbour" }),
            "heic" => TestImages.Heic(64, 48, FixtureLibrary.FullExif, xmp, rotationAnticlockwiseDegrees: 90),
            _ => throw new ArgumentOutOfRangeException(nameof(extension), extension, "not a photo fixture"),
        };
    }

    [Theory]
    [InlineData("jpg")]
    [InlineData("tif")]
    [InlineData("png")]
    [InlineData("heic")]
    public async Task A_photo_cut_at_any_offset_is_invalid_and_no_damage_stops_the_scan(string extension)
    {
        var photo = Photo(extension);
        Assert.True(HostileLayout.Of(photo).Boundaries.Count >= 8, "the layout of the photo was not recognized");
        var copies = new DamagedCopies(_library);
        copies.AddIntact("intact/first.jpg", TestImages.Jpeg(32, 32, new ExifSpec { Model = "first" }));
        copies.Add("damaged", "photo", extension, HostileMutations.Of(photo, boundaryCuts: 120, spreadCuts: 20, flips: 24, zeroFills: 8, repeats: 6, seed: 7));
        copies.AddIntact("zz-intact/last.png", TestImages.Png(16, 16));

        await copies.ScanAndCheckAsync();
    }

    [RequiresToolTheory("ffmpeg", "ffprobe")]
    [InlineData("mp4")]
    [InlineData("mov")]
    [InlineData("mkv")]
    [InlineData("avi")]
    public async Task A_video_cut_at_any_offset_is_invalid_and_no_damage_stops_the_scan(string extension)
    {
        var video = TestMedia.Video(extension, 160, 120);
        Assert.True(HostileLayout.Of(video).Boundaries.Count >= 8, "the layout of the video was not recognized");
        var copies = new DamagedCopies(_library);
        copies.AddIntact("intact/first.jpg", TestImages.Jpeg(32, 32));
        copies.Add("damaged", "video", extension, HostileMutations.Of(video, boundaryCuts: 30, spreadCuts: 10, flips: 12, zeroFills: 4, repeats: 4, seed: 11));

        await copies.ScanAndCheckAsync(withFfprobe: true);
    }

    [Theory]
    [InlineData("a bad CRC on IHDR", "damaged: chunk 'IHDR' at offset 8 fails its CRC")]
    [InlineData("a chunk whose type is not letters", "damaged: no valid chunk at offset 33")]
    public async Task A_damaged_png_is_invalid_and_keeps_its_size_and_exif(string damage, string reason)
    {
        var png = TestImages.Png(64, 48, FixtureLibrary.FullExif);
        const int AfterIhdr = 8 + 25;
        byte[] damaged = damage.StartsWith("a bad CRC", StringComparison.Ordinal)
            ? [.. png.AsSpan(0, AfterIhdr - 1), (byte)(png[AfterIhdr - 1] ^ 0xFF), .. png.AsSpan(AfterIhdr)]
            : [.. png.AsSpan(0, AfterIhdr), 0, 0, 0, 2, 1, 2, 3, 4, (byte)'x', (byte)'x', 0, 0, 0, 0, .. png.AsSpan(AfterIhdr)];
        var path = _library.Add("damaged.png", damaged);
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        await TestScan.RunAsync(store, [_library.Root]);

        var document = await store.FindAsync(path, default);
        Assert.Equal(Rayray.Core.Documents.DocumentStatus.Invalid, document!.Status);
        Assert.Equal(reason, document.Errors[0]);
        Assert.Equal((64, 48), (document.Dimensions?.Width, document.Dimensions?.Height));
        Assert.Equal(FixtureLibrary.FullExif.Make, document.Camera?.Make);
    }
}
