using Rayray.Core.Documents;
using Rayray.Core.Extraction;
using Rayray.Core.Formats;
using Rayray.Core.Walking;
using Rayray.Testing;
using Rayray.Testing.Fixtures;
using SkiaSharp;
using Xunit.Abstractions;

namespace Rayray.Tests.Extraction;

/// <summary>The perceptual hash on pictures the suite draws: which copies it finds, where it comes from, and when there is none.</summary>
public sealed class PerceptualHashTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new("rayray-phash");
    private readonly SKBitmap _scene = DrawnPhotos.Scene(1200, 800);

    [Fact]
    public void Half_size_recompressed_copy_is_similar_to_its_original()
    {
        var original = HashOf("original.jpg", DrawnPhotos.Jpeg(_scene, 92));
        using var half = DrawnPhotos.Resized(_scene, 600, 400);
        var copy = HashOf("half.jpg", DrawnPhotos.Jpeg(half, 50));

        Assert.InRange(Distance(original, copy), 0, 4);
    }

    [Fact]
    public void An_unrelated_picture_is_not_similar()
    {
        var original = HashOf("original.jpg", DrawnPhotos.Jpeg(_scene, 92));
        using var other = DrawnPhotos.Scene(1200, 800, seed: 7);
        var unrelated = HashOf("other.jpg", DrawnPhotos.Jpeg(other, 92));

        Assert.True(Distance(original, unrelated) > PerceptualHash.DefaultDistance);
    }

    [Fact]
    public void A_photo_stored_on_its_side_hashes_like_its_upright_copy()
    {
        var upright = HashOf("upright.jpg", DrawnPhotos.Jpeg(_scene, 92));
        // Orientation 6: turn the stored picture a quarter clockwise to show it; it is stored a quarter anticlockwise.
        using var stored = DrawnPhotos.QuarterTurned(_scene, clockwise: false);
        var onItsSide = HashOf("side.jpg", DrawnPhotos.WithExif(DrawnPhotos.Jpeg(stored, 92), orientation: 6, thumbnail: null));

        Assert.InRange(Distance(upright, onItsSide), 0, 4);
    }

    [Fact]
    public void A_rotated_copy_is_not_similar_a_difference_hash_turns_with_the_picture()
    {
        var upright = HashOf("upright.jpg", DrawnPhotos.Jpeg(_scene, 92));
        using var turned = DrawnPhotos.QuarterTurned(_scene, clockwise: true);
        var rotated = HashOf("rotated.jpg", DrawnPhotos.Jpeg(turned, 92));

        Assert.True(Distance(upright, rotated) > PerceptualHash.DefaultDistance);
    }

    [Fact]
    public void A_slightly_cropped_copy_is_similar_and_a_tightly_cropped_one_is_not()
    {
        var original = HashOf("original.jpg", DrawnPhotos.Jpeg(_scene, 92));
        using var trimmed = DrawnPhotos.Cropped(_scene, 0.95);
        using var tight = DrawnPhotos.Cropped(_scene, 0.7);

        Assert.InRange(Distance(original, HashOf("trimmed.jpg", DrawnPhotos.Jpeg(trimmed, 92))), 0, PerceptualHash.DefaultDistance);
        Assert.True(Distance(original, HashOf("tight.jpg", DrawnPhotos.Jpeg(tight, 92))) > PerceptualHash.DefaultDistance);
    }

    [Fact]
    public void The_EXIF_thumbnail_is_hashed_instead_of_the_picture_its_black_bars_left_out()
    {
        var plain = Extract("plain.jpg", DrawnPhotos.Jpeg(_scene, 92));
        var withThumbnail = Extract("thumb.jpg", DrawnPhotos.WithExif(DrawnPhotos.Jpeg(_scene, 92), orientation: 1, DrawnPhotos.PaddedThumbnail(_scene)));

        Assert.Equal(PerceptualHashSource.Image, plain.PerceptualHash!.Source);
        Assert.Equal(PerceptualHashSource.Preview, withThumbnail.PerceptualHash!.Source);
        // 5 here: a 160×120 thumbnail, resampled and recompressed by the camera, is not quite the picture at 1/8.
        Assert.InRange(Distance(plain.PerceptualHash.Hash, withThumbnail.PerceptualHash.Hash), 0, 6);
    }

    [Fact]
    public void A_thumbnail_that_shows_another_picture_gives_that_pictures_hash()
    {
        using var other = DrawnPhotos.Scene(1200, 800, seed: 7);
        var otherHash = HashOf("other.jpg", DrawnPhotos.Jpeg(other, 92));
        var mislabelled = HashOf("mislabelled.jpg", DrawnPhotos.WithExif(DrawnPhotos.Jpeg(_scene, 92), orientation: null, DrawnPhotos.PaddedThumbnail(_scene, painted: other)));

        Assert.InRange(Distance(otherHash, mislabelled), 0, 4);
    }

    [Fact]
    public void A_PNG_is_hashed_from_its_decoded_picture()
    {
        var png = Extract("scene.png", DrawnPhotos.Png(_scene));
        var jpeg = HashOf("scene.jpg", DrawnPhotos.Jpeg(_scene, 92));

        Assert.Equal(PerceptualHashSource.Image, png.PerceptualHash!.Source);
        Assert.InRange(PerceptualHash.Distance(png.PerceptualHash.Hash, jpeg), 0, 2);
    }

    [Fact]
    public void A_large_PNG_is_decoded_a_row_at_a_time_and_hashes_like_the_picture()
    {
        using var large = DrawnPhotos.Scene(2400, 1600);
        var png = Extract("large.png", DrawnPhotos.Png(large));
        var jpeg = HashOf("scene.jpg", DrawnPhotos.Jpeg(_scene, 92));

        Assert.Equal(PerceptualHashSource.Image, png.PerceptualHash!.Source);
        Assert.InRange(Distance(png.PerceptualHash.Hash, jpeg), 0, 4);
    }

    [Fact]
    public void A_PNG_with_a_large_text_chunk_is_hashed_without_the_decoder_reading_it()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var png = Extract("xmp.png", DrawnPhotos.WithLargeText(DrawnPhotos.Png(_scene), megabytes: 6));
        var jpeg = HashOf("scene.jpg", DrawnPhotos.Jpeg(_scene, 92));

        // Skia's PNG reader takes seconds over a text chunk of a few MB; the hash does not wait for it.
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(3), $"took {started.Elapsed}");
        Assert.True(png.PerceptualHash is not null, string.Join("; ", png.Notes));
        Assert.InRange(Distance(png.PerceptualHash.Hash, jpeg), 0, 2);
    }

    [Fact]
    public void A_CR3_is_hashed_from_its_THMB_thumbnail()
    {
        var cr3 = Extract("IMG_0001.CR3", TestImages.Cr3(6000, 4000, new ExifSpec { Make = "Canon", Model = "Canon EOS R5", Orientation = 1 }, thumbnail: DrawnPhotos.PaddedThumbnail(_scene)));
        var jpeg = HashOf("scene.jpg", DrawnPhotos.Jpeg(_scene, 92));

        Assert.True(cr3.PerceptualHash is not null, string.Join("; ", cr3.Notes));
        Assert.Equal(PerceptualHashSource.Preview, cr3.PerceptualHash.Source);
        Assert.InRange(Distance(cr3.PerceptualHash.Hash, jpeg), 0, 6);
    }

    [Fact]
    public void A_truncated_picture_gets_no_hash()
    {
        var whole = DrawnPhotos.Jpeg(_scene, 92);
        var truncated = Extract("cut.jpg", whole[..(whole.Length / 2)]);

        Assert.NotNull(truncated.InvalidReason);
        Assert.Null(truncated.PerceptualHash);
    }

    [Fact]
    public void A_picture_the_decoder_cannot_read_gets_no_hash_and_a_note()
    {
        // The structure is a valid JPEG (markers, a scan), the picture inside is not: its frame says 0 columns.
        var jpeg = DrawnPhotos.Jpeg(_scene, 92);
        var sof = jpeg.AsSpan().IndexOf(new byte[] { 0xFF, 0xC0 });
        jpeg[sof + 7] = 0;
        jpeg[sof + 8] = 0;
        var broken = Extract("broken.jpg", jpeg);

        Assert.Null(broken.PerceptualHash);
    }

    [Fact]
    public void A_flat_picture_gets_no_hash_and_no_note()
    {
        var flat = Extract("grey.jpg", TestImages.Jpeg(640, 480));

        Assert.Null(flat.PerceptualHash);
        Assert.DoesNotContain(flat.Notes, note => note.Contains("perceptual", StringComparison.Ordinal));
    }

    [Fact]
    public void No_hash_is_computed_when_it_is_turned_off()
    {
        var file = Extract("off.jpg", DrawnPhotos.Jpeg(_scene, 92), new ExtractionOptions { PerceptualHash = false });

        Assert.Null(file.PerceptualHash);
    }

    private ulong HashOf(string name, byte[] bytes)
    {
        var file = Extract(name, bytes);
        Assert.True(file.PerceptualHash is not null, $"{name}: no hash ({string.Join("; ", file.Notes)})");
        output.WriteLine($"{name}: {PerceptualHash.Format(file.PerceptualHash.Hash)} from the {file.PerceptualHash.Source}");
        return file.PerceptualHash.Hash;
    }

    private ExtractedFile Extract(string name, byte[] bytes, ExtractionOptions? options = null)
    {
        var path = Path.Combine(_folder.Path, name);
        File.WriteAllBytes(path, bytes);
        using var extractor = new FileExtractor(options ?? new ExtractionOptions());
        return extractor.Extract(new WalkedFile(path, FileStatReader.Stat(path), MediaFormats.ByExtension(Path.GetExtension(name)[1..]), null), default);
    }

    private int Distance(ulong a, ulong b)
    {
        var distance = PerceptualHash.Distance(a, b);
        output.WriteLine($"distance {distance}");
        return distance;
    }

    public void Dispose()
    {
        _scene.Dispose();
        _folder.Dispose();
    }
}
