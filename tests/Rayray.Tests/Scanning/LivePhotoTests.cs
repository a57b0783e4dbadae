using Rayray.Core.Documents;
using Rayray.Core.Extraction.Probing;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Scanning;

/// <summary>A Live Photo's still and movie share Apple's content identifier: they are linked, not merged.</summary>
public sealed class LivePhotoTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    private static byte[] Still(string identifier) =>
        TestImages.Heic(4032, 3024, new ExifSpec { Make = "Apple", Model = "iPhone 15 Pro", AppleContentIdentifier = identifier });

    private static byte[] Movie(string identifier) =>
        TestMedia.Video("mov", 160, 120, "mono", "-movflags", "use_metadata_tags", "-metadata", $"com.apple.quicktime.content.identifier={identifier}");

    [RequiresToolFact("ffmpeg", "ffprobe")]
    public async Task The_still_and_the_movie_point_at_each_other_whichever_is_scanned_first()
    {
        var identifier = "A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF";
        _library.Add("movies/IMG_0042.MOV", Movie(identifier));
        _library.Add("other/IMG_0043.HEIC", Still("another-identifier"));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        var ffprobe = FfprobeLocator.Find(null);
        await TestScan.RunAsync(store, [_library.Root], o => o with { Extraction = o.Extraction with { FfprobePath = ffprobe } });

        _library.Add("stills/IMG_0042.HEIC", Still(identifier));
        await TestScan.RunAsync(store, [_library.Root], o => o with { Extraction = o.Extraction with { FfprobePath = ffprobe } });

        var still = await store.FindAsync(_library.PathOf("stills/IMG_0042.HEIC"), default);
        var movie = await store.FindAsync(_library.PathOf("movies/IMG_0042.MOV"), default);
        var other = await store.FindAsync(_library.PathOf("other/IMG_0043.HEIC"), default);
        Assert.Equal(identifier, still!.ContentIdentifier);
        Assert.Equal(identifier, movie!.ContentIdentifier);
        Assert.Equal([movie.Id], still.PairedWith);
        Assert.Equal([still.Id], movie.PairedWith);
        Assert.Empty(other!.PairedWith);
        Assert.Equal((MediaKind.Image, MediaKind.Video), (still.Kind, movie.Kind));
    }
}
