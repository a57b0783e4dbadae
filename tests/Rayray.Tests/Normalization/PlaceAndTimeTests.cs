using Rayray.Core.Documents;
using Rayray.Core.Geotagging;
using Rayray.Core.Query;
using Rayray.Core.Storage;
using Rayray.Testing.Fixtures;
using Rayray.Tests.Geotagging;
using Rayray.Tests.Scanning;

namespace Rayray.Tests.Normalization;

/// <summary>
/// Where and when, from photos the test writes: place names offline, the UTC offset a camera did not record (from
/// the GPS time stamp, or the zone at the position with its daylight-saving rule), and positions from a track log.
/// </summary>
public sealed class PlaceAndTimeTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    private async Task<MediaDocument> ScanOneAsync(string name, ExifSpec exif, GeotagOptions? geotag = null)
    {
        _library.Add(name, TestImages.Jpeg(64, 48, exif));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        await TestScan.RunAsync(store, [_library.Root], o => o with { Geotag = geotag });
        return (await store.FindAsync(_library.PathOf(name), default))!;
    }

    private static ExifSpec At(double latitude, double longitude, string taken = "2024:04:01 10:00:00") =>
        new() { Make = "Test", DateTimeOriginal = taken, Latitude = latitude, Longitude = longitude };

    [Theory]
    [InlineData(38.7223, -9.1393, "Lisbon", "Portugal", "PT")]
    [InlineData(48.5734, 7.7521, "Strasbourg", "France", "FR")]
    [InlineData(48.5729, 7.8158, "Kehl", "Germany", "DE")]
    [InlineData(50.2453, 127.4974, "Heihe", "China", "CN")]
    [InlineData(50.2906, 127.5272, "Blagoveshchensk", "Russia", "RU")]
    public async Task A_photo_gets_the_city_and_country_of_its_position_even_across_a_border_river(double latitude, double longitude, string city, string country, string code)
    {
        var document = await ScanOneAsync("photo.jpg", At(latitude, longitude));

        Assert.Equal(LocationSource.Camera, document.LocationSource);
        Assert.Equal(city, document.Place?.City);
        Assert.Equal(country, document.Place?.Country);
        Assert.Equal(code, document.Place?.CountryCode);
    }

    [Fact]
    public async Task A_photo_at_sea_gets_no_country()
    {
        var document = await ScanOneAsync("atlantic.jpg", At(35.0, -40.0));

        Assert.NotNull(document.Location);
        Assert.Null(document.Place);
    }

    [Theory]
    [InlineData(35.6762, 139.6503, "2024:04:01 10:00:00", "+09:00", "2024-04-01T01:00:00Z")]  // Tokyo: no daylight saving
    [InlineData(33.4484, -112.0740, "2024:07:04 12:00:00", "-07:00", "2024-07-04T19:00:00Z")] // Phoenix: none in July either
    [InlineData(39.7392, -104.9903, "2024:07:04 12:00:00", "-06:00", "2024-07-04T18:00:00Z")] // Denver: summer time
    [InlineData(-33.8688, 151.2093, "2024:01:15 12:00:00", "+11:00", "2024-01-15T01:00:00Z")] // Sydney: summer in January
    public async Task Without_a_recorded_offset_the_zone_at_the_position_gives_it_with_its_daylight_saving_rule(
        double latitude, double longitude, string taken, string offset, string utc)
    {
        var document = await ScanOneAsync("trip.jpg", At(latitude, longitude, taken));

        Assert.Equal(taken.Replace(':', '-')[..10] + "T" + taken[11..], document.Timestamps.Taken?.ToString());
        Assert.Equal(offset, document.Timestamps.Offset);
        Assert.Equal(OffsetSource.Location, document.Timestamps.OffsetSource);
        Assert.Equal(utc, Iso(document.Timestamps.TakenUtc));
    }

    [Fact]
    public async Task The_gps_time_stamp_gives_the_offset_the_cameras_clock_was_set_to()
    {
        // The clock says 14:03 where the GPS says 12:00 UTC: +02:03, which rounds to +02:00 (the fix is a few minutes old).
        var document = await ScanOneAsync("gps-time.jpg", At(48.8566, 2.3522, "2024:06:01 14:03:00") with
        {
            GpsDateStamp = "2024:06:01",
            GpsTimeStamp = (12, 0, 0),
        });

        Assert.Equal("+02:00", document.Timestamps.Offset);
        Assert.Equal(OffsetSource.Gps, document.Timestamps.OffsetSource);
        Assert.Equal("2024-06-01T12:03:00Z", Iso(document.Timestamps.TakenUtc));
        Assert.Equal("2024-06-01T12:00:00Z", Iso(document.Timestamps.Gps));
    }

    [Fact]
    public async Task A_recorded_offset_is_the_cameras_and_taken_keeps_it()
    {
        var document = await ScanOneAsync("offset.jpg", At(35.6762, 139.6503) with { OffsetTimeOriginal = "+05:30" });

        Assert.Equal("2024-04-01T10:00:00+05:30", document.Timestamps.Taken?.ToString());
        Assert.Equal("+05:30", document.Timestamps.Offset);
        Assert.Equal(OffsetSource.Camera, document.Timestamps.OffsetSource);
        Assert.Equal("2024-04-01T04:30:00Z", Iso(document.Timestamps.TakenUtc));
    }

    [Fact]
    public async Task Without_offset_position_or_gps_time_there_is_no_utc_instant()
    {
        var document = await ScanOneAsync("plain.jpg", new ExifSpec { DateTimeOriginal = "2024:04:01 10:00:00" });

        Assert.Null(document.Timestamps.TakenUtc);
        Assert.Null(document.Timestamps.Offset);
        Assert.Null(document.Timestamps.OffsetSource);
    }

    [Fact]
    public async Task A_track_log_places_a_photo_between_two_track_points_and_never_moves_a_camera_position()
    {
        var start = new DateTime(2024, 5, 10, 9, 0, 0, DateTimeKind.Utc);
        var track = _library.Add("../walk.gpx", TrackFiles.Gpx11([
            TrackFiles.TrackPoint(38.7000, -9.1400, start, 10) + TrackFiles.TrackPoint(38.7100, -9.1400, start.AddMinutes(4), 30),
        ]));
        var geotag = new GeotagOptions(TrackLog.Load([track]), TimeSpan.FromMinutes(5), null);
        _library.Add("camera-gps.jpg", TestImages.Jpeg(64, 48, At(48.8566, 2.3522, "2024:05:10 10:02:00") with { OffsetTimeOriginal = "+01:00" }));

        // Lisbon is at +01:00 in May: 10:02 local is 09:02 UTC, halfway between the two points.
        var document = await ScanOneAsync("no-gps.jpg", new ExifSpec { DateTimeOriginal = "2024:05:10 10:02:00" }, geotag);

        Assert.Equal(LocationSource.Track, document.LocationSource);
        Assert.Equal(38.7050, document.Location!.Latitude, 4);
        Assert.Equal(-9.1400, document.Location.Longitude, 4);
        Assert.Equal(20, document.Altitude!.Value, 3);
        Assert.Equal("Portugal", document.Place?.Country);
        Assert.Equal("+01:00", document.Timestamps.Offset);
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        var kept = await store.FindAsync(_library.PathOf("camera-gps.jpg"), default);
        Assert.Equal(LocationSource.Camera, kept!.LocationSource);
        Assert.Equal(48.8566, kept.Location!.Latitude, 4);
    }

    [Theory]
    [InlineData(64, 48, 1, "4:3", 0.0)]
    [InlineData(1920, 1080, 1, "16:9", 2.1)]
    [InlineData(1080, 1920, 1, "9:16", 2.1)]
    [InlineData(600, 400, 6, "2:3", 0.2)]
    [InlineData(1000, 450, 1, "20:9", 0.5)]
    public async Task The_aspect_ratio_is_the_displayed_shape_and_megapixels_are_rounded(int width, int height, int orientation, string ratio, double megapixels)
    {
        _library.Add("shape.jpg", TestImages.Jpeg(width, height, new ExifSpec { Orientation = orientation }));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        await TestScan.RunAsync(store, [_library.Root]);

        var document = await store.FindAsync(_library.PathOf("shape.jpg"), default);

        Assert.Equal(ratio, document!.Dimensions?.AspectRatio);
        Assert.Equal(megapixels, document.Dimensions?.Megapixels);
    }

    [Fact]
    public async Task Places_are_queried_by_country_code_or_name_city_and_words_and_counted_by_country()
    {
        _library.Add("lisbon.jpg", TestImages.Jpeg(64, 48, At(38.7223, -9.1393)));
        _library.Add("porto.jpg", TestImages.Jpeg(64, 48, At(41.1496, -8.6109)));
        _library.Add("tokyo.jpg", TestImages.Jpeg(64, 48, At(35.6762, 139.6503)));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        await TestScan.RunAsync(store, [_library.Root]);

        async Task<long> Count(string query) => await store.CountAsync(QueryParser.Parse(query), default);
        Assert.Equal(2, await Count("country:PT"));
        Assert.Equal(2, await Count("country:portugal"));
        Assert.Equal(1, await Count("city:Lisbon"));
        Assert.Equal(1, await Count("place:lisbon"));
        Assert.Equal(1, await Count("lisbon"));
        Assert.Equal(1, await Count("country!=PT"));
        Assert.Equal(3, await Count("has:place"));
        Assert.Equal(1, await Count("offsetSource:location && offset:+09:00"));
        var stats = await store.GetStatsAsync(StatsGrouping.Country, default);
        Assert.Equal([("Portugal", 2L), ("Japan", 1L)], stats.Groups.Select(g => (g.Key, g.Documents)));
    }

    private static string? Iso(DateTime? utc) => utc?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
