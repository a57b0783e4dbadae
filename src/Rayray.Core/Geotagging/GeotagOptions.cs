using NodaTime;

namespace Rayray.Core.Geotagging;

/// <summary>What <c>rayray scan --geotag</c> asked for: the track, how far from a fix a position is still given, and the user's UTC offset.</summary>
/// <param name="Offset">The UTC offset of capture times that record none (<c>--geotag-offset</c>); null to take it from the zone where the track was.</param>
public sealed record GeotagOptions(TrackLog Track, TimeSpan MaxGap, TimeSpan? Offset)
{
    /// <summary>
    /// The position for a capture: at its UTC instant when that is known; else at its wall-clock time with the
    /// user's offset; else with the offset of the zone where the track was (<see cref="TrackLog.PositionAtLocal(DateTime, Func{double, double, DateTimeZone?}, TimeSpan)"/>).
    /// </summary>
    public TrackFix? Locate(DateTime? utc, DateTime local, Func<double, double, DateTimeZone?> zoneAt) =>
        utc is { } instant ? Track.PositionAt(instant, MaxGap)
        : Offset is { } offset ? Track.PositionAtLocal(local, offset, MaxGap)
        : Track.PositionAtLocal(local, zoneAt, MaxGap);
}
