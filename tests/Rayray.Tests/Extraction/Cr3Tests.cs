using System.Buffers.Binary;
using System.Text;
using Rayray.Core.Documents;
using Rayray.Testing;
using Rayray.Testing.Fixtures;
using Rayray.Tests.Reliability;
using Rayray.Tests.Scanning;

namespace Rayray.Tests.Extraction;

/// <summary>
/// Canon CR3: the TIFFs in Canon's uuid box in 'moov' (CMT1 IFD0, CMT2 Exif IFD, CMT3 makernote, CMT4 GPS IFD) and the
/// XMP in its top-level uuid box, read into the same document fields as any other photo; a cut or damaged CR3 keeps
/// what it still holds and says what is wrong.
/// </summary>
public sealed class Cr3Tests : IDisposable
{
    private static readonly ExifSpec EosR5 = FixtureLibrary.FullExif with { Model = "Canon EOS R5" };

    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    [Fact]
    public async Task Cr3_gives_make_model_exposure_lens_and_dated_capture_time()
    {
        var path = _library.Add("IMG_0001.CR3", TestImages.Cr3(8192, 5464, EosR5));

        await using var scan = await HostileScan.RunAsync(_library);

        var document = await scan.AssertIndexedAsync(path);
        Assert.Empty(document.Errors);
        Assert.Equal(MediaKind.Image, document.Kind);
        Assert.Equal("image/x-canon-cr3", document.File.MimeType);
        Assert.Equal("Canon", document.Camera?.Make);
        Assert.Equal("Canon EOS R5", document.Camera?.Model);
        Assert.Equal("RF24-70mm F2.8 L IS USM", document.Camera?.Lens);
        Assert.Equal(0.004, document.Camera?.Exposure);
        Assert.Equal(2.8, document.Camera?.Aperture);
        Assert.Equal(800, document.Camera?.Iso);
        Assert.Equal(50, document.Camera?.FocalLength);
        Assert.Equal((8192, 5464, 6), (document.Dimensions?.Width, document.Dimensions?.Height, document.Dimensions?.Orientation));
        Assert.Equal("2024-01-15T10:30:00.054-08:00", document.Timestamps.Taken?.ToString());
        Assert.Equal(37.7749, document.Location!.Latitude, 6);
        Assert.Equal(-122.4194, document.Location.Longitude, 6);
        Assert.Equal(-12.5, document.Altitude);
        Assert.Equal("Canon EOS R5", document.MetadataRaw["makernote"]?["Canon Makernote"]?["Image Type"]?.GetValue<string>());
    }

    [Fact]
    public async Task Cr3_size_is_ifd0s_image_size_before_the_exif_pixel_dimensions()
    {
        var path = _library.Add("a.cr3", TestImages.Cr3(6000, 4000, EosR5 with { PixelXDimension = 1620, PixelYDimension = 1080 }));

        await using var scan = await HostileScan.RunAsync(_library);

        HostileScan.AssertDimensions(await scan.AssertIndexedAsync(path), 6000, 4000);
    }

    [Fact]
    public async Task Cr3_xmp_in_its_top_level_uuid_box_is_read()
    {
        var xmp = TestImages.Xmp(description: "Harbour at dawn", subjects: ["harbour", "dawn"], rating: 4);
        var path = _library.Add("a.cr3", TestImages.Cr3(6000, 4000, new ExifSpec { Make = "Canon", Model = "Canon EOS R6" }, xmp));

        await using var scan = await HostileScan.RunAsync(_library);

        var document = await scan.AssertIndexedAsync(path);
        Assert.Equal("Harbour at dawn", document.Description);
        Assert.Equal(["harbour", "dawn"], document.Tags);
        Assert.Equal(4, document.Rating);
        Assert.Equal("Canon EOS R6", document.Camera?.Model);
    }

    [Theory]
    [InlineData("structs-30-deep")]
    [InlineData("entity-expansion")]
    [InlineData("broken")]
    public async Task Cr3_with_hostile_xmp_is_indexed_from_its_exif(string name)
    {
        var xmp = name switch
        {
            "structs-30-deep" => HostileXmp.NestedStructs(30),
            "entity-expansion" => HostileXmp.EntityExpansion(),
            _ => HostileXmp.Broken(),
        };
        var path = _library.Add("hostile-xmp.cr3", TestImages.Cr3(6000, 4000, EosR5, xmp));

        await using var scan = await HostileScan.RunAsync(_library);

        var document = await scan.AssertIndexedAsync(path);
        Assert.Equal("Canon EOS R5", document.Camera?.Model);
        Assert.Equal("2024-01-15T10:30:00.054-08:00", document.Timestamps.Taken?.ToString());
        if (name == "structs-30-deep")
            Assert.Contains(document.Errors, e => e.Contains("nests properties more than 20 levels deep; it was not read", StringComparison.Ordinal));
        scan.AssertReadWithinBudget([path]);
    }

    [Fact]
    public async Task A_cr3_cut_off_inside_its_makernote_keeps_the_camera_and_capture_time_and_is_invalid()
    {
        var whole = TestImages.Cr3(6000, 4000, EosR5);
        var path = _library.Add("cut.cr3", whole[..(BoxStart(whole, "CMT3") + 40)]);

        await using var scan = await HostileScan.RunAsync(_library);

        var document = await scan.AssertInvalidAsync(path, "truncated: box 'moov' at offset 24 needs");
        Assert.Equal("Canon EOS R5", document.Camera?.Model);
        Assert.Equal(0.004, document.Camera?.Exposure);
        Assert.Equal("2024-01-15T10:30:00.054-08:00", document.Timestamps.Taken?.ToString());
        HostileScan.AssertDimensions(document, 6000, 4000);
        Assert.Null(document.Location); // CMT4, after the cut
    }

    [Fact]
    public async Task A_cr3_cut_just_before_its_mdat_is_invalid_by_canons_part_table()
    {
        var whole = TestImages.Cr3(6000, 4000, EosR5);
        var mdat = BoxStart(whole, "mdat");
        var path = _library.Add("no-mdat.cr3", whole[..mdat]);

        await using var scan = await HostileScan.RunAsync(_library);

        var document = await scan.AssertInvalidAsync(path, $"truncated: Canon's part table (CTBO) puts part 3 ('mdat') at bytes {mdat} to {whole.Length} but the file ends at {mdat}");
        Assert.Equal("Canon EOS R5", document.Camera?.Model);
    }

    [Fact]
    public async Task A_cmt_box_reaching_past_canons_box_is_damage_and_what_it_holds_is_still_read()
    {
        var cr3 = TestImages.Cr3(6000, 4000, EosR5);
        var at = BoxStart(cr3, "CMT2");
        var path = _library.Add("overrun.cr3", HostileIsoMedia.WithNestedBoxSize(cr3, "CMT2", 0x7FFFFFF0));

        await using var scan = await HostileScan.RunAsync(_library);

        var document = await scan.AssertInvalidAsync(path, $"damaged: box 'CMT2' at offset {at} declares 2147483632 bytes but its parent 'uuid' ends at byte");
        Assert.Equal("Canon EOS R5", document.Camera?.Model);
        Assert.Equal(2.8, document.Camera?.Aperture);
    }

    [Fact]
    public async Task A_cr3_cut_at_any_offset_is_invalid_and_no_damage_stops_the_scan()
    {
        var cr3 = TestImages.Cr3(6000, 4000, EosR5, TestImages.Xmp(title: "Harbour", rating: 4));
        Assert.True(HostileLayout.Of(cr3).Boundaries.Count >= 8, "the layout of the CR3 was not recognized");
        var copies = new DamagedCopies(_library);
        copies.AddIntact("intact/first.jpg", TestImages.Jpeg(32, 32));
        copies.Add("damaged", "photo", "cr3", HostileMutations.Of(cr3, boundaryCuts: 60, spreadCuts: 40, flips: 24, zeroFills: 8, repeats: 6, seed: 7));
        copies.AddIntact("zz-intact/last.cr3", cr3);

        await copies.ScanAndCheckAsync();
    }

    [Theory]
    [InlineData("uuid", 0x7FFFFFF0u, "damaged: box 'uuid' at offset 32 declares 2147483632 bytes but its parent 'moov' ends at byte")]
    [InlineData("CMT3", 4u, "has an impossible size 4")]
    [InlineData("CMT1", 0xFFFFFFFFu, "damaged: box 'CMT1' at offset")]
    public async Task A_cr3_whose_canon_boxes_lie_about_their_size_is_invalid_with_the_reason_and_the_scan_goes_on(string box, uint size, string reason)
    {
        var hostile = _library.Add($"a-{box}.cr3", HostileIsoMedia.WithNestedBoxSize(TestImages.Cr3(6000, 4000, EosR5), box, size));
        var after = _library.Add("b-intact.cr3", TestImages.Cr3(6000, 4000, EosR5));

        await using var scan = await HostileScan.RunAsync(_library);

        await scan.AssertInvalidAsync(hostile, reason);
        Assert.Equal("Canon EOS R5", (await scan.AssertIndexedAsync(after)).Camera?.Model);
        scan.AssertReadWithinBudget([hostile, after]);
    }

    [Fact]
    public async Task A_cr3_without_canons_metadata_box_is_invalid()
    {
        var cr3 = TestImages.Cr3(6000, 4000, EosR5);
        cr3[BoxStart(cr3, "uuid") + 8] ^= 0xFF; // the first byte of Canon's UUID
        var path = _library.Add("foreign.cr3", cr3);

        await using var scan = await HostileScan.RunAsync(_library);

        await scan.AssertInvalidAsync(path, "damaged: no Canon metadata box");
    }

    [Theory]
    [InlineData(0, "XXXX", "the CR3's 'CMT3' box is not a readable TIFF")]
    [InlineData(8, "\xFF\xFF", "Illegally sized IFD")]
    public async Task A_makernote_that_is_not_a_readable_tiff_is_noted_and_the_rest_is_read(int offset, string bytes, string note)
    {
        var cr3 = TestImages.Cr3(6000, 4000, EosR5);
        Encoding.Latin1.GetBytes(bytes).CopyTo(cr3, BoxStart(cr3, "CMT3") + 8 + offset);
        var path = _library.Add("bad-makernote.cr3", cr3);

        await using var scan = await HostileScan.RunAsync(_library);

        var document = await scan.AssertIndexedAsync(path);
        Assert.Contains(document.Errors, e => e.Contains(note, StringComparison.Ordinal));
        Assert.Equal(800, document.Camera?.Iso);
        Assert.Equal(37.7749, document.Location!.Latitude, 6);
    }

    /// <summary>
    /// ExifTool's sample from an EOS M50. The expected values are exiftool 12.57's (<c>exiftool -n -json CanonRaw.cr3</c>):
    /// Make "Canon", Model "Canon EOS M50", ImageWidth 6000, ImageHeight 4000, Orientation 1, ExposureTime 0.0125,
    /// FNumber 3.5, ISO 12800, FocalLength 15, LensModel "EF-M15-45mm f/3.5-6.3 IS STM", DateTimeOriginal
    /// "2018:02:21 12:08:56", SubSecTimeOriginal 21, OffsetTimeOriginal "+00:00", Rating 0 (XMP), no GPS position
    /// (GPSVersionID only).
    /// </summary>
    [SharedCorpusFact]
    public async Task The_eos_m50_sample_reads_as_exiftool_reads_it()
    {
        var sample = Path.Combine(RepoPaths.Shared!, "corpus", "exiftool-samples", "CanonRaw.cr3");
        var path = _library.Add("CanonRaw.cr3", File.ReadAllBytes(sample));

        await using var scan = await HostileScan.RunAsync(_library);

        var document = await scan.AssertIndexedAsync(path);
        Assert.Empty(document.Errors);
        Assert.Equal("Canon", document.Camera?.Make);
        Assert.Equal("Canon EOS M50", document.Camera?.Model);
        Assert.Equal("EF-M15-45mm f/3.5-6.3 IS STM", document.Camera?.Lens);
        Assert.Equal(0.0125, document.Camera?.Exposure);
        Assert.Equal(3.5, document.Camera?.Aperture);
        Assert.Equal(12800, document.Camera?.Iso);
        Assert.Equal(15, document.Camera?.FocalLength);
        Assert.Equal((6000, 4000, 1), (document.Dimensions?.Width, document.Dimensions?.Height, document.Dimensions?.Orientation));
        Assert.Equal("2018-02-21T12:08:56.21Z", document.Timestamps.Taken?.ToString());
        Assert.Equal(0, document.Rating);
        Assert.Null(document.Location);
        Assert.Equal("Canon EOS M50", document.MetadataRaw["makernote"]?["Canon Makernote"]?["Image Type"]?.GetValue<string>());
    }

    [SharedCorpusFact]
    public async Task The_eos_m50_sample_cut_at_any_offset_is_invalid_and_no_damage_stops_the_scan()
    {
        var sample = File.ReadAllBytes(Path.Combine(RepoPaths.Shared!, "corpus", "exiftool-samples", "CanonRaw.cr3"));
        var copies = new DamagedCopies(_library);
        copies.Add("damaged", "CanonRaw", "cr3", HostileMutations.Of(sample, boundaryCuts: 60, spreadCuts: 40, flips: 24, zeroFills: 8, repeats: 6, seed: 3));
        copies.AddIntact("zz-intact/CanonRaw.cr3", sample);

        await copies.ScanAndCheckAsync();
    }

    /// <summary>Where the first box of <paramref name="type"/> starts (its size field), wherever it is nested.</summary>
    private static int BoxStart(byte[] file, string type)
    {
        var at = file.AsSpan().IndexOf(Encoding.ASCII.GetBytes(type)) - 4;
        Assert.True(at >= 0 && BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at)) >= 8, $"no '{type}' box");
        return at;
    }
}
