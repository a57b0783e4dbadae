using Rayray.Core.Documents;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Scanning;

/// <summary>
/// Files built by the tests with known metadata come back with exactly those values: the same
/// fields the corpus test compares with exiftool, on every format, on a fresh clone.
/// </summary>
public sealed class FixtureRoundTripTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    public static TheoryData<string> Formats => new() { "jpg", "tif", "tif-big-endian", "png", "heic" };

    private static byte[] Build(string format, int width, int height, ExifSpec exif) => format switch
    {
        "jpg" => TestImages.Jpeg(width, height, exif),
        "tif" => TestImages.Tiff(width, height, exif),
        "tif-big-endian" => TestImages.Tiff(width, height, exif, bigEndian: true),
        "png" => TestImages.Png(width, height, exif),
        "heic" => TestImages.Heic(width, height, exif),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private async Task<MediaDocument> ScanOne(string name, byte[] content)
    {
        var path = _library.Add(name, content);
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        await TestScan.RunAsync(store, [_library.Root]);
        var document = await store.FindAsync(path, default);
        Assert.NotNull(document);
        return document;
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Every_schema_field_equals_what_was_written(string format)
    {
        var document = await ScanOne($"photo.{format.Split('-')[0]}", Build(format, 320, 200, FixtureLibrary.FullExif));

        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Empty(document.Errors);
        Assert.Equal(MediaKind.Image, document.Kind);
        Assert.Equal((320, 200), (document.Dimensions?.Width, document.Dimensions?.Height));
        Assert.Equal(6, document.Dimensions?.Orientation);
        Assert.Equal("Canon", document.Camera?.Make);
        Assert.Equal("EOS R5", document.Camera?.Model);
        Assert.Equal("RF24-70mm F2.8 L IS USM", document.Camera?.Lens);
        Assert.Equal(0.004, document.Camera?.Exposure);
        Assert.Equal(2.8, document.Camera?.Aperture);
        Assert.Equal(800, document.Camera?.Iso);
        Assert.Equal(50, document.Camera?.FocalLength);
        Assert.Equal("2024-01-15T10:30:00.054-08:00", document.Timestamps.Taken?.ToString());
        Assert.Equal(37.7749, document.Location!.Latitude, 6);
        Assert.Equal(-122.4194, document.Location.Longitude, 6);
        Assert.Equal(-12.5, document.Altitude);
        Assert.Equal("Jane Doe", document.Author?.Name);
        Assert.Equal("© Jane Doe 2024", document.Author?.Copyright);
        Assert.Equal("Golden hour over city skyline", document.Description);
        Assert.Equal(["sunset", "urban"], document.Tags);
        Assert.True(document.MetadataRaw.ContainsKey("exif"));
    }

    [Fact]
    public async Task A_capture_time_without_OffsetTimeOriginal_gets_no_offset_even_when_OffsetTime_is_set()
    {
        var exif = new ExifSpec { DateTimeOriginal = "2023:06:01 18:45:12", OffsetTime = "+02:00", DateTime = "2023:06:02 09:00:00" };

        var document = await ScanOne("p.jpg", TestImages.Jpeg(16, 16, exif));

        Assert.Equal("2023-06-01T18:45:12", document.Timestamps.Taken?.ToString());
    }

    [Fact]
    public async Task Without_DateTimeOriginal_the_capture_time_falls_back_to_the_digitized_time_then_gps_time()
    {
        var digitized = await ScanOne("d.jpg", TestImages.Jpeg(16, 16, new ExifSpec { DateTimeDigitized = "2022:12:31 23:59:59" }));
        var gps = await ScanOne("g.jpg", TestImages.Jpeg(16, 16, new ExifSpec { GpsDateStamp = "2021:07:04", GpsTimeStamp = (16, 5, 30), Latitude = 1, Longitude = 2 }));

        Assert.Equal("2022-12-31T23:59:59", digitized.Timestamps.Taken?.ToString());
        Assert.Equal("2021-07-04T16:05:30Z", gps.Timestamps.Taken?.ToString());
    }

    [Fact]
    public async Task A_gps_position_outside_the_globe_is_dropped_and_noted()
    {
        var document = await ScanOne("bad-gps.jpg", TestImages.Jpeg(16, 16, new ExifSpec { Latitude = 95, Longitude = 10 }));

        Assert.Null(document.Location);
        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Contains(document.Errors, e => e.StartsWith("GPS position dropped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_void_gps_fix_is_dropped()
    {
        var document = await ScanOne("void.jpg", TestImages.Jpeg(16, 16, new ExifSpec { Latitude = 10, Longitude = 10, GpsStatus = "V" }));

        Assert.Null(document.Location);
    }

    [Fact]
    public async Task Xmp_and_iptc_fill_in_what_exif_lacks_and_user_edits_win()
    {
        var xmp = TestImages.Xmp(title: "Bridge", description: "Fog over the bay", creator: "Ana Lima",
            subjects: ["fog", "bay"], rights: "CC BY 4.0", createDate: "2020-02-02T08:00:00+01:00");
        var document = await ScanOne("x.jpg", TestImages.Jpeg(16, 16, new ExifSpec { Artist = "camera owner", ImageDescription = "OLYMPUS DIGITAL CAMERA" }, xmp, ["bay", "iptc only"]));

        Assert.Equal("Ana Lima", document.Author?.Name);
        Assert.Equal("CC BY 4.0", document.Author?.Copyright);
        Assert.Equal("Fog over the bay", document.Description);
        Assert.Equal(["fog", "bay", "iptc only"], document.Tags);
        Assert.Equal("2020-02-02T08:00:00+01:00", document.Timestamps.Taken?.ToString());
    }

    [Fact]
    public async Task Camera_boilerplate_is_not_a_description()
    {
        var document = await ScanOne("o.jpg", TestImages.Jpeg(16, 16, new ExifSpec { ImageDescription = "OLYMPUS DIGITAL CAMERA         " }));

        Assert.Null(document.Description);
    }

    [Fact]
    public async Task Heif_rotation_is_reported_clockwise()
    {
        var document = await ScanOne("r.heic", TestImages.Heic(4032, 3024, new ExifSpec { Make = "Apple" }, rotationAnticlockwiseDegrees: 270));

        Assert.Equal(90, document.Dimensions?.Rotation);
        Assert.Equal((4032, 3024), (document.Dimensions?.Width, document.Dimensions?.Height));
    }
}
