using System.Xml;
using System.Xml.Linq;
using NetTopologySuite.IO;

namespace Rayray.Core.Geotagging;

/// <summary>
/// GPX track and route points with a time, through NetTopologySuite.IO.GPX. That library reads GPX 1.1
/// only; a GPX 1.0 file (or one without a namespace) is moved into the 1.1 namespace first: the
/// elements a track point needs (<c>ele</c>, <c>time</c>, the <c>lat</c>/<c>lon</c> attributes) are the
/// same in both. Waypoints (<c>wpt</c>) are places marked by hand, not where the logger was: left out.
/// </summary>
internal static class GpxTrackReader
{
    private static readonly XNamespace Gpx10 = "http://www.topografix.com/GPX/1/0";
    private static readonly XNamespace Gpx11 = "http://www.topografix.com/GPX/1/1";

    private static readonly GpxReaderSettings Settings = new()
    {
        // GPX times are UTC; a time written without a zone is taken as UTC too.
        TimeZoneInfo = TimeZoneInfo.Utc,
        IgnoreVersionAttribute = true,
        IgnoreUnexpectedChildrenOfTopLevelElement = true,
        DefaultCreatorIfMissing = "unknown",
    };

    public static List<TrackPoint> Read(string path)
    {
        XDocument document;
        try
        {
            using var reader = TrackXml.Open(path);
            document = XDocument.Load(reader, LoadOptions.SetLineInfo);
        }
        catch (XmlException e)
        {
            throw new TrackLogException(path, $"not well-formed XML: {TrackXml.Describe(e)}", TrackXml.Line(e), e);
        }

        var root = document.Root!;
        if (root.Name.LocalName != "gpx" || (root.Name.Namespace != Gpx11 && root.Name.Namespace != Gpx10 && root.Name.Namespace != XNamespace.None))
            throw new TrackLogException(path, $"not a GPX file: the root element is <{root.Name.LocalName}> in '{root.Name.NamespaceName}'");
        if (root.Name.Namespace != Gpx11)
            MoveToGpx11(root);

        GpxFile file;
        try
        {
            file = GpxFile.ReadFrom(root.CreateReader(), Settings);
        }
        catch (Exception e) when (e is XmlException or ArgumentException or FormatException or OverflowException)
        {
            throw new TrackLogException(path, $"not a valid GPX file: {e.Message.TrimEnd('.')}", FindLine(root, e), e);
        }

        var points = new List<TrackPoint>();
        foreach (var track in file.Tracks)
        {
            foreach (var segment in track.Segments)
                Add(points, segment.Waypoints);
        }
        foreach (var route in file.Routes)
            Add(points, route.Waypoints);
        return points;
    }

    private static void Add(List<TrackPoint> points, IEnumerable<GpxWaypoint> waypoints)
    {
        foreach (var waypoint in waypoints)
        {
            if (waypoint.TimestampUtc is { } time)
            {
                var altitude = waypoint.ElevationInMeters is { } e && double.IsFinite(e) ? e : (double?)null;
                points.Add(new TrackPoint(DateTime.SpecifyKind(time, DateTimeKind.Utc), waypoint.Latitude.Value, waypoint.Longitude.Value, altitude));
            }
        }
    }

    private static void MoveToGpx11(XElement root)
    {
        var from = root.Name.Namespace;
        foreach (var element in root.DescendantsAndSelf())
        {
            if (element.Name.Namespace == from)
                element.Name = Gpx11 + element.Name.LocalName;
            element.Attributes().Where(a => a.IsNamespaceDeclaration && a.Value == from.NamespaceName).Remove();
        }
    }

    /// <summary>
    /// The library reports a bad value without its line; the first point whose coordinates or time do not parse
    /// is usually what it stumbled on.
    /// </summary>
    private static int? FindLine(XElement root, Exception e)
    {
        if (e is XmlException { LineNumber: > 0 } xml)
            return xml.LineNumber;
        foreach (var point in root.Descendants().Where(p => p.Name.LocalName is "trkpt" or "rtept" or "wpt"))
        {
            var good = double.TryParse((string?)point.Attribute("lat"), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var lat) && lat is >= -90 and <= 90
                && double.TryParse((string?)point.Attribute("lon"), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var lon) && lon is >= -180 and <= 180
                && (point.Element(Gpx11 + "time") is not { } time || Parses(time.Value));
            if (!good)
                return ((IXmlLineInfo)point).HasLineInfo() ? ((IXmlLineInfo)point).LineNumber : null;
        }
        return null;
    }

    private static bool Parses(string time)
    {
        try
        {
            TrackXml.ParseUtc(time);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
