namespace Rayray.Core.Geotagging;

/// <summary>One timed fix of a track log.</summary>
/// <param name="Utc">When the fix was taken (UTC).</param>
/// <param name="Altitude">Metres above sea level, when the log records it.</param>
public readonly record struct TrackPoint(DateTime Utc, double Latitude, double Longitude, double? Altitude = null);
