using Rayray.Core.Geotagging;
using Rayray.Testing;
using static Rayray.Tests.Geotagging.TrackFiles;

namespace Rayray.Tests.Geotagging;

/// <summary>GPX, KML and NMEA track logs as files: what is read, what is skipped, and the errors that name the file.</summary>
public sealed class TrackLogFileTests : IDisposable
{
    private static readonly DateTime T0 = new(2024, 7, 1, 10, 0, 0, DateTimeKind.Utc);

    private readonly TempFolder _folder = new("rayray-geotag");

    public void Dispose() => _folder.Dispose();

    private static DateTime At(int minutes) => T0.AddMinutes(minutes);

    [Fact]
    public void Gpx_with_several_tracks_and_segments_gives_every_timed_point_in_time_order()
    {
        var gpx = Gpx11(
            [TrackPoint(1, 1, At(0), 10) + TrackPoint(1.1, 1.1, At(1), 11), TrackPoint(1.5, 1.5, null) + TrackPoint(2, 2, At(10), 20)],
            [TrackPoint(3, 3, At(5), 30)]);
        var path = _folder.Write("walk.gpx", gpx);

        var track = TrackLog.Load([path]);

        Assert.Equal([At(0), At(1), At(5), At(10)], track.Points.Select(p => p.Utc));
        Assert.Equal((1.1, 1.1, 11.0), (track.Points[1].Latitude, track.Points[1].Longitude, track.Points[1].Altitude!.Value));
        Assert.Equal(new TrackFile(path, TrackFormat.Gpx, 4, 0), Assert.Single(track.Files));
    }

    [Fact]
    public void Gpx_1_0_is_read_too()
    {
        var path = _folder.Write("old.gpx", $"""
            <?xml version="1.0" encoding="ISO-8859-1"?>
            <gpx xmlns="http://www.topografix.com/GPX/1/0" version="1.0" creator="old logger">
            <time>{Iso(T0)}</time>
            <trk><name>T</name><trkseg>
            <trkpt lat="43.5" lon="-116.5"><ele>1400</ele><time>{Iso(At(0))}</time><course>12.5</course><speed>1.2</speed></trkpt>
            <trkpt lat="43.6" lon="-116.6"><time>{Iso(At(1))}</time></trkpt>
            </trkseg></trk></gpx>
            """);

        var track = TrackLog.Load([path]);

        Assert.Equal([(43.5, -116.5, (double?)1400), (43.6, -116.6, null)], track.Points.Select(p => (p.Latitude, p.Longitude, p.Altitude)));
    }

    [Fact]
    public void Kml_gx_track_and_timed_placemarks_are_read()
    {
        var path = _folder.Write("trip.kml", KmlTrack(
            [(At(0), 38.7, -9.1, 50), (At(1), 38.8, -9.2, 60)],
            (At(5), 38.9, -9.3)));

        var track = TrackLog.Load([path]);

        Assert.Equal([(At(0), 38.7, -9.1, (double?)50), (At(1), 38.8, -9.2, 60), (At(5), 38.9, -9.3, 0)],
            track.Points.Select(p => (p.Utc, p.Latitude, p.Longitude, p.Altitude)));
        Assert.Equal(TrackFormat.Kml, track.Files[0].Format);
    }

    [Fact]
    public void Nmea_sentences_with_a_bad_checksum_are_skipped_and_counted()
    {
        var corrupted = Rmc(At(1), "3842.0000,N", "00908.0000,W").Replace("3842.0000", "3843.0000", StringComparison.Ordinal);
        var path = _folder.Write("logger.log", string.Join("\r\n",
            "logger v1 started",
            Gga(At(0), "3842.0000,N", "00908.0000,W", 51.5),
            Rmc(At(0), "3842.0000,N", "00908.0000,W"),
            Nmea("GPGSV,3,1,11,03,03,111,00,04,15,270,00,06,01,010,00,13,06,292,00"),
            corrupted,
            Rmc(At(2), "3843.5000,N", "00906.0000,W"),
            Gga(At(2), "3843.5000,N", "00906.0000,W", 60),
            Nmea($"GPRMC,{At(3):HHmmss},V,,,,,,,{At(3):ddMMyy},,,N"),
            ""));

        var track = TrackLog.Load([path]);

        Assert.Equal([(At(0), 38.7, -9.133333333, (double?)51.5), (At(2), 38.725, -9.1, 60)],
            track.Points.Select(p => (p.Utc, Math.Round(p.Latitude, 9), Math.Round(p.Longitude, 9), p.Altitude)));
        Assert.Equal(new TrackFile(path, TrackFormat.Nmea, 2, 1), Assert.Single(track.Files));
    }

    [Fact]
    public void A_folder_gives_its_track_logs_and_passes_over_other_text_files()
    {
        _folder.Write("tracks/a.gpx", Gpx11([TrackPoint(1, 1, At(0))]));
        _folder.Write("tracks/b.nmea", Rmc(At(1), "0100.0000,N", "00100.0000,E") + "\n");
        _folder.Write("tracks/c.txt", "$GPRMC is the sentence with the date.\n" + Rmc(At(2), "0200.0000,N", "00200.0000,E") + "\n");
        _folder.Write("tracks/README.txt", "Tracks of the July trip.\n");

        var track = TrackLog.Load([_folder["tracks"]]);

        Assert.Equal([At(0), At(1), At(2)], track.Points.Select(p => p.Utc));
        Assert.Equal(["a.gpx", "b.nmea", "c.txt"], track.Files.Select(f => Path.GetFileName(f.Path)));
    }

    [Fact]
    public void A_malformed_gpx_is_an_error_naming_the_file_and_the_line()
    {
        var path = _folder.Write("broken.gpx", Gpx11([TrackPoint(1, 1, At(0))])[..^40]);

        var error = Assert.Throws<TrackLogException>(() => TrackLog.Load([path]));

        Assert.Equal(path, error.Path);
        Assert.NotNull(error.Line);
        Assert.StartsWith($"{path}: line {error.Line}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gpx_point_outside_the_globe_is_an_error_naming_its_line()
    {
        var path = _folder.Write("wrong.gpx", Gpx11([TrackPoint(1, 1, At(0)) + TrackPoint(95, 1, At(1))]));

        var error = Assert.Throws<TrackLogException>(() => TrackLog.Load([path]));

        Assert.Equal(path, error.Path);
        Assert.Equal(7, error.Line);
    }

    [Fact]
    public void A_kml_coordinate_that_is_not_a_number_is_an_error_naming_its_line()
    {
        var path = _folder.Write("trip.kml", KmlTrack([(At(0), 38.7, -9.1, 50), (At(1), 38.8, -9.2, 60)]).Replace("-9.2 38.8 60", "-9.2 north 60", StringComparison.Ordinal));

        var error = Assert.Throws<TrackLogException>(() => TrackLog.Load([path]));

        Assert.Equal($"{path}: line 10: '-9.2 north 60' is not longitude latitude altitude", error.Message);
    }

    [Fact]
    public void A_track_without_timed_points_is_an_error()
    {
        var path = _folder.Write("planned.gpx", Gpx11([TrackPoint(1, 1, null) + TrackPoint(2, 2, null)]));

        var error = Assert.Throws<TrackLogException>(() => TrackLog.Load([path]));

        Assert.Equal(path, error.Path);
        Assert.Contains("no track points with a time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_and_a_file_of_another_kind_are_errors_naming_them()
    {
        var missing = _folder["missing.gpx"];
        var other = _folder.Write("notes.txt", "nothing here\n");

        Assert.Equal($"{missing}: no such file or folder", Assert.Throws<TrackLogException>(() => TrackLog.Load([missing])).Message);
        Assert.Equal($"{other}: not a GPX, KML or NMEA track log", Assert.Throws<TrackLogException>(() => TrackLog.Load([other])).Message);
    }
}
