using System.Globalization;
using System.Xml;

namespace Rayray.Core.Geotagging;

/// <summary>
/// KML 2.2 track points: each <c>gx:Track</c>'s <c>when</c> paired in order with its <c>gx:coord</c>
/// ("lon lat alt"), and each Placemark with a <c>TimeStamp</c> and a <c>Point</c> ("lon,lat,alt").
/// Written by hand on XmlReader (streamed: a day's log at one fix a second is large), because no library
/// the package mirror serves reads KML. Elements are matched by local name, so KML 2.3's <c>Track</c>
/// (no longer in the gx namespace) is read too. A time without a zone is taken as UTC.
/// </summary>
internal static class KmlTrackReader
{
    public static List<TrackPoint> Read(string path)
    {
        var points = new List<TrackPoint>();
        try
        {
            using var reader = TrackXml.Open(path);
            reader.MoveToContent();
            if (reader.LocalName != "kml")
                throw new TrackLogException(path, $"not a KML file: the root element is <{reader.LocalName}>", TrackXml.Line(reader));
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                    continue;
                if (reader.LocalName == "Track")
                    ReadTrack(path, reader, points);
                else if (reader.LocalName == "Placemark")
                    ReadPlacemark(path, reader, points);
            }
        }
        catch (XmlException e)
        {
            throw new TrackLogException(path, $"not well-formed XML: {TrackXml.Describe(e)}", TrackXml.Line(e), e);
        }
        return points;
    }

    /// <summary>Reads the track the reader is on, leaving it on the track's end element.</summary>
    private static void ReadTrack(string path, XmlReader reader, List<TrackPoint> points)
    {
        var line = TrackXml.Line(reader);
        var times = new List<(string Text, int? Line)>();
        var coordinates = new List<(string Text, int? Line)>();
        using (var track = reader.ReadSubtree())
        {
            track.Read();
            track.Read();
            while (!track.EOF)
            {
                if (track.NodeType == XmlNodeType.Element && track.LocalName is "when" or "coord")
                {
                    var list = track.LocalName == "when" ? times : coordinates;
                    var at = TrackXml.Line(track);
                    list.Add((track.ReadElementContentAsString(), at));
                }
                else
                {
                    track.Read();
                }
            }
        }
        if (times.Count != coordinates.Count)
            throw new TrackLogException(path, $"a track has {times.Count} <when> and {coordinates.Count} <coord> elements; they pair up one to one", line);
        for (var i = 0; i < times.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(coordinates[i].Text))
                continue; // a time without a position: the tracker had no fix
            if (Time(path, times[i].Text, times[i].Line) is not { } utc)
                continue;
            var (latitude, longitude, altitude) = Coordinates(path, coordinates[i].Text, ' ', coordinates[i].Line);
            points.Add(new TrackPoint(utc, latitude, longitude, altitude));
        }
    }

    /// <summary>A Placemark with a time stamp and a point; a track inside it is read as a track.</summary>
    private static void ReadPlacemark(string path, XmlReader reader, List<TrackPoint> points)
    {
        (string Text, int? Line)? when = null, coordinates = null;
        string? container = null;
        using (var placemark = reader.ReadSubtree())
        {
            placemark.Read();
            placemark.Read();
            while (!placemark.EOF)
            {
                var element = placemark.NodeType == XmlNodeType.Element ? placemark.LocalName : null;
                var line = TrackXml.Line(placemark);
                switch (element)
                {
                    case "Track":
                        ReadTrack(path, placemark, points);
                        placemark.Read();
                        break;
                    case "when" when container == "TimeStamp" && when is null:
                        when = (placemark.ReadElementContentAsString(), line);
                        break;
                    case "coordinates" when container == "Point" && coordinates is null:
                        coordinates = (placemark.ReadElementContentAsString(), line);
                        break;
                    default:
                        if (element is "TimeStamp" or "Point")
                            container = element;
                        else if (element is "TimeSpan" or "LineString" or "Polygon" or "LinearRing")
                            container = null;
                        placemark.Read();
                        break;
                }
            }
        }
        if (when is { } w && coordinates is { } c && Time(path, w.Text, w.Line) is { } utc)
        {
            var (latitude, longitude, altitude) = Coordinates(path, c.Text.Trim(), ',', c.Line);
            points.Add(new TrackPoint(utc, latitude, longitude, altitude));
        }
    }

    private static DateTime? Time(string path, string text, int? line)
    {
        try
        {
            return TrackXml.ParseUtc(text);
        }
        catch (FormatException e)
        {
            throw new TrackLogException(path, e.Message, line, e);
        }
    }

    private static (double Latitude, double Longitude, double? Altitude) Coordinates(string path, string text, char separator, int? line)
    {
        var parts = text.Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length is 2 or 3
            && Number(parts[0]) is { } longitude && longitude is >= -180 and <= 180
            && Number(parts[1]) is { } latitude && latitude is >= -90 and <= 90)
        {
            double? altitude = null;
            if (parts.Length == 3)
                altitude = Number(parts[2]) ?? throw new TrackLogException(path, $"'{text.Trim()}' is not longitude{separator}latitude{separator}altitude", line);
            return (latitude, longitude, altitude);
        }
        throw new TrackLogException(path, $"'{text.Trim()}' is not longitude{separator}latitude{separator}altitude", line);
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;
}
