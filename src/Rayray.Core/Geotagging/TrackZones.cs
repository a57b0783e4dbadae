using NodaTime;

namespace Rayray.Core.Geotagging;

/// <summary>
/// The time zones a track passes through, from the zone at fixes sampled every quarter hour of the log (and on
/// both sides of every longer gap, where a flight may have crossed several zones). Sampling bounds the calls
/// to the zone lookup per track, not per photo; a zone crossed between two samples is still found, because
/// <see cref="LocalTimeMatcher"/> also tries the zone at each position it computes.
/// </summary>
internal sealed class TrackZones
{
    private static readonly TimeSpan Spacing = TimeSpan.FromMinutes(15);

    private readonly long[] _ticks;
    private readonly DateTimeZone?[] _zones;

    public TrackZones(IReadOnlyList<TrackPoint> points, Func<double, double, DateTimeZone?> zoneAt)
    {
        ZoneAt = zoneAt;
        var sampled = new List<int>();
        for (var i = 0; i < points.Count; i++)
        {
            var gapBefore = i > 0 && points[i].Utc - points[i - 1].Utc >= Spacing;
            if (gapBefore && sampled[^1] != i - 1)
                sampled.Add(i - 1);
            if (i == 0 || i == points.Count - 1 || gapBefore || points[i].Utc - points[sampled[^1]].Utc >= Spacing)
                sampled.Add(i);
        }
        _ticks = [.. sampled.Select(i => points[i].Utc.Ticks)];
        _zones = [.. sampled.Select(i => zoneAt(points[i].Latitude, points[i].Longitude))];
    }

    public Func<double, double, DateTimeZone?> ZoneAt { get; }

    /// <summary>The distinct zones sampled between the two instants, and at the samples just outside them.</summary>
    public IEnumerable<DateTimeZone> Between(DateTime fromUtc, DateTime toUtc)
    {
        var first = Array.BinarySearch(_ticks, fromUtc.Ticks);
        first = first >= 0 ? first : Math.Max(0, ~first - 1);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = first; i < _ticks.Length; i++)
        {
            if (_zones[i] is { } zone && seen.Add(zone.Id))
                yield return zone;
            if (_ticks[i] > toUtc.Ticks)
                yield break;
        }
    }
}
