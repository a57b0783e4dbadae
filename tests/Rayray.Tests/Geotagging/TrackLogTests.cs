using NodaTime;
using Rayray.Core.Geotagging;
using Rayray.Testing;

namespace Rayray.Tests.Geotagging;

/// <summary>The position a track log gives at a photo's time: a UTC instant, or a local time without an offset.</summary>
public sealed class TrackLogTests
{
    private static readonly DateTime T0 = new(2024, 7, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);

    private static TrackLog Track(params TrackPoint[] points) => TrackLog.FromPoints(points);

    private static DateTime At(int minutes, int seconds = 0) => T0.AddMinutes(minutes).AddSeconds(seconds);

    // Positions

    [Fact]
    public void Halfway_between_two_fixes_the_position_is_halfway()
    {
        var track = Track(new(At(0), 10, 20, 100), new(At(2), 11, 22, 200));

        var fix = track.PositionAt(At(1), FiveMinutes)!;

        Assert.Equal(10.5, fix.Latitude, 9);
        Assert.Equal(21, fix.Longitude, 9);
        Assert.Equal(150, fix.Altitude!.Value, 9);
        Assert.Equal(At(1), fix.Utc);
        Assert.Null(fix.Offset);
    }

    [Fact]
    public void Without_an_altitude_on_both_sides_there_is_none()
    {
        var fix = Track(new(At(0), 10, 20, 100), new(At(2), 11, 22)).PositionAt(At(1), FiveMinutes)!;

        Assert.Null(fix.Altitude);
    }

    [Fact]
    public void Exactly_at_a_fix_the_position_is_that_fix()
    {
        var track = Track(new(At(0), 10, 20, 100), new(At(1), 10.123456789, 20.987654321, 123.4), new(At(2), 11, 22, 200));

        var fix = track.PositionAt(At(1), TimeSpan.Zero)!;

        Assert.Equal((10.123456789, 20.987654321, 123.4), (fix.Latitude, fix.Longitude, fix.Altitude!.Value));
    }

    [Fact]
    public void Before_the_first_fix_and_after_the_last_the_end_is_used_within_the_max_gap_only()
    {
        var track = Track(new(At(0), 10, 20), new(At(10), 11, 22));

        Assert.Equal((10, 20), Position(track.PositionAt(At(-4, -59), FiveMinutes)));
        Assert.Null(track.PositionAt(At(-5, -1), FiveMinutes));
        Assert.Equal((11, 22), Position(track.PositionAt(At(15), FiveMinutes)));
        Assert.Null(track.PositionAt(At(15, 1), FiveMinutes));
    }

    [Fact]
    public void A_gap_in_the_log_longer_than_the_max_gap_gives_no_position_in_its_middle()
    {
        // The logger was off from 10:00 to 10:30: no straight line across that half hour.
        var track = Track(new(At(0), 10, 20), new(At(30), 12, 24));

        Assert.Null(track.PositionAt(At(15), FiveMinutes));
        Assert.Equal((11, 22), Position(track.PositionAt(At(15), TimeSpan.FromMinutes(30))));
    }

    [Fact]
    public void Near_the_edge_of_a_gap_the_fix_at_the_edge_is_used_as_at_the_ends_of_the_track()
    {
        var track = Track(new(At(0), 10, 20), new(At(30), 12, 24));

        Assert.Equal((10, 20), Position(track.PositionAt(At(4), FiveMinutes)));
        Assert.Equal((12, 24), Position(track.PositionAt(At(26), FiveMinutes)));
    }

    [Fact]
    public void Across_the_antimeridian_the_position_goes_the_short_way_round()
    {
        var track = Track(new(At(0), -17, 179.9), new(At(4), -17.4, -179.9));

        Assert.Equal((-17.1, 179.95), Position(track.PositionAt(At(1), FiveMinutes)), Tolerance);
        Assert.Equal(180, Math.Abs(track.PositionAt(At(2), FiveMinutes)!.Longitude), 9);
        Assert.Equal((-17.3, -179.95), Position(track.PositionAt(At(3), FiveMinutes)), Tolerance);
    }

    [Fact]
    public void Points_are_sorted_and_a_second_point_at_the_same_instant_is_dropped()
    {
        var track = Track(new(At(2), 3, 3), new(At(0), 1, 1), new(At(1), 2, 2), new(At(1), 9, 9));

        Assert.Equal([At(0), At(1), At(2)], track.Points.Select(p => p.Utc));
        Assert.Equal(2, track.Points[1].Latitude);
        Assert.Equal(1, track.DuplicatesRemoved);
    }

    // Local times without an offset

    private static readonly DateTimeZone Lisbon = DateTimeZoneProviders.Tzdb["Europe/Lisbon"];
    private static readonly DateTimeZone Madrid = DateTimeZoneProviders.Tzdb["Europe/Madrid"];

    /// <summary>The Portuguese–Spanish border, simplified to the meridian 7° W.</summary>
    private static DateTimeZone? ZoneAt(double latitude, double longitude) => longitude < -7 ? Lisbon : Madrid;

    private static IEnumerable<TrackPoint> Minutes(int from, int to, int step, double longitude) =>
        Enumerable.Range(0, ((to - from) / step) + 1).Select(i => new TrackPoint(At(from + (i * step)), 38.7, longitude + (i * 0.001)));

    private static DateTime Local(int hour, int minute) => new(2024, 7, 1, hour, minute, 0, DateTimeKind.Unspecified);

    [Fact]
    public void A_local_time_is_placed_with_the_offset_of_the_zone_where_the_track_was()
    {
        var track = TrackLog.FromPoints(Minutes(0, 30, 1, -9.1));

        var fix = track.PositionAtLocal(Local(11, 5), ZoneAt, FiveMinutes)!;

        Assert.Equal(At(5), fix.Utc);
        Assert.Equal(TimeSpan.FromHours(1), fix.Offset);
        Assert.Equal(-9.095, fix.Longitude, 9);
    }

    [Fact]
    public void A_local_time_that_would_place_the_photo_in_another_zone_gets_no_position()
    {
        // Lisbon (+01:00) until 10:30 UTC, then Madrid (+02:00) until 11:00. 11:45 in Lisbon would be 10:45,
        // when the track was in Madrid; 11:45 in Madrid would be 09:45, before the track.
        var track = TrackLog.FromPoints(Minutes(0, 29, 1, -9.1).Concat(Minutes(30, 60, 1, -3.7)));

        Assert.Null(track.PositionAtLocal(Local(11, 45), ZoneAt, FiveMinutes));
        Assert.Equal(At(40), track.PositionAtLocal(Local(12, 40), ZoneAt, FiveMinutes)!.Utc);
        Assert.Equal(At(20), track.PositionAtLocal(Local(11, 20), ZoneAt, FiveMinutes)!.Utc);
    }

    [Fact]
    public void When_two_zones_fit_the_local_time_the_instant_nearest_a_real_fix_wins()
    {
        // Madrid until 10:00 UTC, a fix every 4 minutes; then Lisbon, a fix every minute. 11:30 on the wall clock
        // was both 09:30 UTC in Madrid (2 minutes from a fix) and 10:30 in Lisbon (at a fix).
        var track = TrackLog.FromPoints(Minutes(-60, -4, 4, -3.7).Concat(Minutes(0, 60, 1, -9.1)));

        var fix = track.PositionAtLocal(Local(11, 30), ZoneAt, FiveMinutes)!;

        Assert.Equal(At(30), fix.Utc);
        Assert.Equal(TimeSpan.FromHours(1), fix.Offset);
    }

    [Fact]
    public void An_offset_the_user_gives_overrides_the_zone()
    {
        var track = TrackLog.FromPoints(Minutes(0, 30, 1, -9.1));

        var fix = track.PositionAtLocal(Local(12, 5), TimeSpan.FromHours(2), FiveMinutes)!;

        Assert.Equal(At(5), fix.Utc);
        Assert.Equal(TimeSpan.FromHours(2), fix.Offset);
        Assert.Null(track.PositionAtLocal(Local(11, 5), TimeSpan.FromHours(-3), FiveMinutes));
    }

    [Fact]
    public void Geotag_options_use_the_utc_instant_then_the_users_offset_then_the_zone()
    {
        var track = TrackLog.FromPoints(Minutes(0, 30, 1, -9.1));
        var withOffset = new GeotagOptions(track, FiveMinutes, TimeSpan.FromHours(2));
        var withoutOffset = withOffset with { Offset = null };

        Assert.Equal(At(10), withOffset.Locate(At(10), Local(23, 0), ZoneAt)!.Utc);
        Assert.Equal(At(10), withOffset.Locate(null, Local(12, 10), ZoneAt)!.Utc);
        Assert.Equal(At(10), withoutOffset.Locate(null, Local(11, 10), ZoneAt)!.Utc);
    }

    // The real sample, against exiftool 12.57:
    //   exiftool -geotag Geotag.gpx '-geotime=2003:05:24 17:09:31Z' -o out.xmp; exiftool -n -GPSLatitude -GPSLongitude -GPSAltitude out.xmp
    // Its XMP keeps latitude and longitude to 1e-8 degree and the altitude as a rational (to about 0.001 m).
    [SharedCorpusTheory]
    [InlineData("2003-05-24T17:09:31Z", 43.6418487143333, -116.062236857167, 1485.64893617021)]
    [InlineData("2003-05-24T17:09:07.5Z", 43.64266125, -116.061551583333, 1504.48044692737)]
    [InlineData("2003-05-24T17:09:28Z", 43.641922, -116.062338, 1488.73901098901)]
    [InlineData("2003-05-24T17:08:00Z", 43.642824, -116.061502, 1507.00390625)]
    [InlineData("2003-05-24T17:12:00Z", 43.641, -116.062231, 1472.39647577093)]
    public void Exiftools_geotag_sample_gives_the_position_exiftool_computes(string utc, double latitude, double longitude, double altitude)
    {
        var track = TrackLog.Load([Path.Combine(RepoPaths.ExiftoolSamples!, "Geotag.gpx")]);

        var fix = track.PositionAt(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), FiveMinutes)!;

        Assert.Equal(latitude, fix.Latitude, 1e-7);
        Assert.Equal(longitude, fix.Longitude, 1e-7);
        Assert.Equal(altitude, fix.Altitude!.Value, 0.01);
        Assert.Equal(9, track.Points.Count);
    }

    [SharedCorpusFact]
    public void Exiftools_geotag_sample_gives_nothing_an_hour_after_it_as_exiftool()
    {
        // exiftool: "Time is too far beyond track".
        var track = TrackLog.Load([Path.Combine(RepoPaths.ExiftoolSamples!, "Geotag.gpx")]);

        Assert.Null(track.PositionAt(new DateTime(2003, 5, 24, 18, 12, 0, DateTimeKind.Utc), FiveMinutes));
    }

    private static readonly TupleTolerance Tolerance = new(1e-9);

    private static (double, double) Position(TrackFix? fix) => (fix!.Latitude, fix.Longitude);

    private sealed class TupleTolerance(double tolerance) : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) x, (double, double) y) => Math.Abs(x.Item1 - y.Item1) <= tolerance && Math.Abs(x.Item2 - y.Item2) <= tolerance;
        public int GetHashCode((double, double) obj) => 0;
    }
}
