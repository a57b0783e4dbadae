namespace Rayray.Core.Geotagging;

/// <summary>A position a fraction of the way between two fixes.</summary>
internal static class GeoInterpolation
{
    /// <summary>
    /// Linear in latitude and longitude (fixes seconds apart are metres apart, where the difference from a great
    /// circle is nothing), the short way round across the antimeridian; altitude only when both fixes have one.
    /// </summary>
    public static (double Latitude, double Longitude, double? Altitude) Between(TrackPoint from, TrackPoint to, double fraction)
    {
        var latitude = from.Latitude + ((to.Latitude - from.Latitude) * fraction);
        var dLon = to.Longitude - from.Longitude;
        if (dLon > 180)
            dLon -= 360;
        else if (dLon < -180)
            dLon += 360;
        var longitude = from.Longitude + (dLon * fraction);
        if (longitude > 180)
            longitude -= 360;
        else if (longitude < -180)
            longitude += 360;
        double? altitude = from.Altitude is { } a && to.Altitude is { } b ? a + ((b - a) * fraction) : null;
        return (latitude, longitude, altitude);
    }
}
