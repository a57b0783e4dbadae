namespace Rayray.Core.Query;

/// <summary>Distances on the globe, for <c>near:</c>.</summary>
public static class GeoMath
{
    /// <summary>The mean earth radius (IUGG), in metres.</summary>
    public const double EarthRadius = 6_371_008.8;

    /// <summary>The great-circle distance in metres (haversine).</summary>
    public static double Distance(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(latitude2 - latitude1);
        var dLon = Radians(longitude2 - longitude1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) +
                (Math.Cos(Radians(latitude1)) * Math.Cos(Radians(latitude2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadius * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>
    /// Latitude/longitude boxes that contain every point within the radius: one box, or two when
    /// the circle crosses the antimeridian; every longitude when it reaches a pole.
    /// </summary>
    public static IReadOnlyList<(double MinLat, double MaxLat, double MinLon, double MaxLon)> BoundingBoxes(double latitude, double longitude, double radius)
    {
        var dLat = radius / EarthRadius * 180 / Math.PI;
        var minLat = latitude - dLat;
        var maxLat = latitude + dLat;
        if (minLat <= -90 || maxLat >= 90)
            return [(Math.Max(minLat, -90), Math.Min(maxLat, 90), -180, 180)];
        var dLon = Math.Asin(Math.Min(1, Math.Sin(radius / EarthRadius) / Math.Cos(latitude * Math.PI / 180))) * 180 / Math.PI;
        var minLon = longitude - dLon;
        var maxLon = longitude + dLon;
        if (minLon < -180)
            return [(minLat, maxLat, minLon + 360, 180), (minLat, maxLat, -180, maxLon)];
        if (maxLon > 180)
            return [(minLat, maxLat, minLon, 180), (minLat, maxLat, -180, maxLon - 360)];
        return [(minLat, maxLat, minLon, maxLon)];
    }
}
