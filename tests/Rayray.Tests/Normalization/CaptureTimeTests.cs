using Rayray.Core.Documents;
using Rayray.Testing.Fixtures;
using Rayray.Tests.Scanning;

namespace Rayray.Tests.Normalization;

/// <summary>Which of a file's dates becomes timestamps.taken, and that the offset recorded beside a date stays with it.</summary>
public sealed class CaptureTimeTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    private const byte DateCreated = 55, TimeCreated = 60, DigitalCreationDate = 62, DigitalCreationTime = 63;

    private static byte[] JpegWithIptc(params (byte Dataset, string Value)[] record2) =>
        HostileJpeg.WithSegments([HostileJpeg.Segment(0xED, IptcWriter.PhotoshopApp13(record2))]);

    private async Task<string?> TakenAsync(string name, byte[] content)
    {
        _library.Add(name, content);
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        await TestScan.RunAsync(store, [_library.Root]);
        var document = await store.FindAsync(_library.PathOf(name), default);
        Assert.Equal(DocumentStatus.Indexed, document!.Status);
        return document.Timestamps.Taken?.ToString();
    }

    [Fact]
    public async Task Iptc_date_and_time_created_combine_with_the_times_offset()
    {
        Assert.Equal("2006-10-29T06:27:51-05:00", await TakenAsync("iptc.jpg", JpegWithIptc((DateCreated, "20061029"), (TimeCreated, "062751-0500"))));
    }

    [Fact]
    public async Task Iptc_digital_creation_time_is_used_when_date_created_has_no_time()
    {
        Assert.Equal("2002-02-02T02:22:22+02:00", await TakenAsync("scan.jpg", JpegWithIptc(
            (DateCreated, "19920101"), (DigitalCreationDate, "20020202"), (DigitalCreationTime, "022222+0200"))));
    }

    [Fact]
    public async Task A_date_without_a_time_is_midnight_without_an_offset()
    {
        Assert.Equal("2004-02-26T00:00:00", await TakenAsync("print.jpg", JpegWithIptc((DateCreated, "20040226"))));
    }

    [Fact]
    public async Task A_date_without_a_time_gives_way_to_the_gps_time()
    {
        var photo = TestImages.Jpeg(64, 48, new ExifSpec { Latitude = 1, Longitude = 2, GpsDateStamp = "2021:07:04", GpsTimeStamp = (18, 30, 5) },
            TestImages.Xmp(dateCreated: "2021-07-01"));
        Assert.Equal("2021-07-04T18:30:05Z", await TakenAsync("gps.jpg", photo));
    }

    [Fact]
    public async Task Exif_date_time_original_wins_over_iptc()
    {
        var exif = TestImages.Jpeg(64, 48, new ExifSpec { DateTimeOriginal = "2024:01:15 10:30:00", OffsetTimeOriginal = "+01:00" });
        var iptc = HostileJpeg.Segment(0xED, IptcWriter.PhotoshopApp13([(DateCreated, "20061029"), (TimeCreated, "062751-0500")]));
        byte[] both = [.. exif[..2], .. iptc, .. exif[2..]];
        Assert.Equal("2024-01-15T10:30:00+01:00", await TakenAsync("both.jpg", both));
    }

    [Fact]
    public async Task Xmp_date_with_an_offset_keeps_it()
    {
        Assert.Equal("2019-06-01T08:15:30.25+09:00", await TakenAsync("xmp.jpg", TestImages.Jpeg(64, 48, xmp: TestImages.Xmp(createDate: "2019-06-01T08:15:30.25+09:00"))));
    }

    [Fact]
    public async Task Photo_mechanic_time_created_completes_the_xmp_date_created()
    {
        var xmp = TestImages.Xmp(dateCreated: "2006-10-29").Replace(
            "xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\"",
            "xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\" xmlns:photomechanic=\"http://ns.camerabits.com/photomechanic/1.0/\" photomechanic:TimeCreated=\"06:27:51-05:00\"",
            StringComparison.Ordinal);
        Assert.Equal("2006-10-29T06:27:51-05:00", await TakenAsync("pm.jpg", TestImages.Jpeg(64, 48, xmp: xmp)));
    }
}
