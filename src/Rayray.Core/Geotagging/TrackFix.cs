namespace Rayray.Core.Geotagging;

/// <summary>A position taken from a track log for one instant.</summary>
/// <param name="Utc">The instant the position is for (for a local time, the instant the offset made of it).</param>
/// <param name="Offset">The UTC offset that turned a local time into <paramref name="Utc"/>; null when a UTC instant was asked for.</param>
public sealed record TrackFix(double Latitude, double Longitude, double? Altitude, DateTime Utc, TimeSpan? Offset = null);
