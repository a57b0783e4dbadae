using System.Globalization;
using System.Text;

namespace Rayray.Tests.Geotagging;

/// <summary>Track logs as loggers write them, for the tests to write to disk.</summary>
internal static class TrackFiles
{
    public static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Gpx11(params string[][] tracks)
    {
        var text = new StringBuilder("""
            <?xml version="1.0" encoding="UTF-8"?>
            <gpx version="1.1" creator="rayray tests" xmlns="http://www.topografix.com/GPX/1/1">
              <metadata><name>test</name></metadata>

            """);
        foreach (var segments in tracks)
        {
            text.Append("  <trk><name>track</name>\n");
            foreach (var segment in segments)
                text.Append("    <trkseg>\n").Append(segment).Append("    </trkseg>\n");
            text.Append("  </trk>\n");
        }
        return text.Append("</gpx>\n").ToString();
    }

    public static string TrackPoint(double latitude, double longitude, DateTime? utc, double? elevation = null) =>
        string.Create(CultureInfo.InvariantCulture, $"""      <trkpt lat="{latitude}" lon="{longitude}">""")
        + (elevation is { } e ? string.Create(CultureInfo.InvariantCulture, $"<ele>{e}</ele>") : "")
        + (utc is { } t ? $"<time>{Iso(t)}</time>" : "")
        + "</trkpt>\n";

    public static string KmlTrack(IEnumerable<(DateTime Utc, double Latitude, double Longitude, double Altitude)> points, params (DateTime Utc, double Latitude, double Longitude)[] placemarks)
    {
        var list = points.ToList();
        var text = new StringBuilder("""
            <?xml version="1.0" encoding="UTF-8"?>
            <kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2">
            <Document>
              <Placemark><name>trip</name>
                <gx:Track>
                  <altitudeMode>absolute</altitudeMode>

            """);
        foreach (var p in list)
            text.Append("      <when>").Append(Iso(p.Utc)).Append("</when>\n");
        foreach (var p in list)
            text.Append(CultureInfo.InvariantCulture, $"      <gx:coord>{p.Longitude} {p.Latitude} {p.Altitude}</gx:coord>\n");
        text.Append("    </gx:Track>\n  </Placemark>\n");
        foreach (var p in placemarks)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"  <Placemark><name>stop</name><TimeStamp><when>{Iso(p.Utc)}</when></TimeStamp><Point><coordinates>{p.Longitude},{p.Latitude},0</coordinates></Point></Placemark>\n");
        }
        return text.Append("</Document>\n</kml>\n").ToString();
    }

    /// <summary>A sentence with its checksum: the XOR of the characters between <c>$</c> and <c>*</c>.</summary>
    public static string Nmea(string body)
    {
        byte sum = 0;
        foreach (var c in body)
            sum ^= (byte)c;
        return string.Create(CultureInfo.InvariantCulture, $"${body}*{sum:X2}");
    }

    public static string Rmc(DateTime utc, string latitude, string longitude) =>
        Nmea($"GPRMC,{utc:HHmmss}.00,A,{latitude},{longitude},0.5,54.7,{utc:ddMMyy},,,A");

    public static string Gga(DateTime utc, string latitude, string longitude, double altitude) =>
        Nmea(string.Create(CultureInfo.InvariantCulture, $"GNGGA,{utc:HHmmss}.00,{latitude},{longitude},1,08,0.9,{altitude:0.0},M,46.9,M,,"));
}
