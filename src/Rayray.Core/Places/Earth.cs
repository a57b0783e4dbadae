namespace Rayray.Core.Places;

/// <summary>Points as unit vectors, so that nearness is a chord length with no seam at the antimeridian
/// or the poles, and the conversions between chords and kilometres along the surface.</summary>
internal static class Earth
{
    public const double RadiusKm = 6371.0088;
    public const double KmPerDegree = RadiusKm * Math.PI / 180;

    /// <summary>False for a latitude outside ±90° or a coordinate that is not a number; the longitude wraps into [-180, 180).</summary>
    public static bool TryNormalize(double latitude, double longitude, out double normalizedLongitude)
    {
        normalizedLongitude = 0;
        if (!double.IsFinite(latitude) || !double.IsFinite(longitude) || Math.Abs(latitude) > 90)
            return false;
        normalizedLongitude = longitude - (360 * Math.Floor((longitude + 180) / 360));
        if (normalizedLongitude >= 180)
            normalizedLongitude -= 360;
        return true;
    }

    public static (double X, double Y, double Z) UnitVector(double latitude, double longitude)
    {
        var phi = latitude * Math.PI / 180;
        var lambda = longitude * Math.PI / 180;
        var cosPhi = Math.Cos(phi);
        return (cosPhi * Math.Cos(lambda), cosPhi * Math.Sin(lambda), Math.Sin(phi));
    }

    public static double ChordToKm(double chord) => 2 * RadiusKm * Math.Asin(Math.Min(1, chord / 2));

    public static double KmToChord(double km) => 2 * Math.Sin(Math.Min(km / RadiusKm, Math.PI) / 2);
}
