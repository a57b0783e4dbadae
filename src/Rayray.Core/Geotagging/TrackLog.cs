using NodaTime;

namespace Rayray.Core.Geotagging;

/// <summary>
/// The points of one or more track logs, merged and sorted by time, and the position at any instant:
/// interpolated between the fixes around it. Points at the same instant are kept once (the first read).
/// Immutable and safe to share between threads.
/// </summary>
public sealed class TrackLog
{
    private readonly TrackPoint[] _points;
    private readonly long[] _ticks;
    private volatile TrackZones? _zones;

    private TrackLog(TrackPoint[] points, IReadOnlyList<TrackFile> files, int duplicates)
    {
        _points = points;
        _ticks = Array.ConvertAll(points, p => p.Utc.Ticks);
        Files = files;
        DuplicatesRemoved = duplicates;
    }

    /// <summary>How far from the nearest fix a position is still given, unless told otherwise.</summary>
    public static TimeSpan DefaultMaxGap { get; } = TimeSpan.FromMinutes(5);

    /// <summary>The points, sorted by time, one per instant.</summary>
    public IReadOnlyList<TrackPoint> Points => _points;

    /// <summary>The files read, in the order read.</summary>
    public IReadOnlyList<TrackFile> Files { get; }

    /// <summary>Points dropped because another file (or the same) has a point at the same instant.</summary>
    public int DuplicatesRemoved { get; }

    public DateTime Start => _points[0].Utc;
    public DateTime End => _points[^1].Utc;

    /// <summary>Reads GPX, KML and NMEA files, and folders of them (see <c>docs/operations.md</c>).</summary>
    /// <exception cref="TrackLogException">A file is missing, unreadable or malformed, or there is no point with a time.</exception>
    public static TrackLog Load(IReadOnlyList<string> paths)
    {
        var (points, files) = TrackLogLoader.Read(paths);
        return Create(points, files);
    }

    /// <exception cref="ArgumentException">No point with a valid position.</exception>
    public static TrackLog FromPoints(IEnumerable<TrackPoint> points)
    {
        var list = points.ToList();
        return list.Any(Usable) ? Create(list, []) : throw new ArgumentException("A track needs at least one point with a valid position.", nameof(points));
    }

    private static TrackLog Create(List<TrackPoint> points, IReadOnlyList<TrackFile> files)
    {
        var sorted = points.Where(Usable)
            .Select(p => p with { Utc = DateTime.SpecifyKind(p.Utc, DateTimeKind.Utc) })
            .OrderBy(p => p.Utc.Ticks) // stable: of two points at one instant the first read stays
            .ToList();
        if (sorted.Count == 0)
            throw new TrackLogException(string.Join(", ", files.Select(f => f.Path)), "no track points with a time");
        var unique = new List<TrackPoint>(sorted.Count) { sorted[0] };
        foreach (var point in sorted.Skip(1))
        {
            if (point.Utc != unique[^1].Utc)
                unique.Add(point);
        }
        return new TrackLog([.. unique], files, sorted.Count - unique.Count);
    }

    private static bool Usable(TrackPoint p) =>
        double.IsFinite(p.Latitude) && double.IsFinite(p.Longitude) && p.Latitude is >= -90 and <= 90 && p.Longitude is >= -180 and <= 180;

    /// <summary>
    /// The position at a UTC instant: a fix at that very instant; else interpolated between the fixes before
    /// and after when they are at most <paramref name="maxGap"/> apart; else (before the first fix, after the
    /// last, or inside a longer gap: the logger was off, or indoors) the nearer fix when it is within
    /// <paramref name="maxGap"/>; else null.
    /// </summary>
    public TrackFix? PositionAt(DateTime utc, TimeSpan maxGap)
    {
        if (utc.Kind == DateTimeKind.Local)
            throw new ArgumentException("A UTC instant is needed, not a local time.", nameof(utc));
        return Locate(DateTime.SpecifyKind(utc, DateTimeKind.Utc), maxGap)?.Fix;
    }

    /// <summary>The position at a wall-clock time whose UTC offset the user gave.</summary>
    public TrackFix? PositionAtLocal(DateTime local, TimeSpan offset, TimeSpan maxGap)
    {
        var utc = DateTime.SpecifyKind(DateTime.SpecifyKind(local, DateTimeKind.Unspecified) - offset, DateTimeKind.Utc);
        return Locate(utc, maxGap)?.Fix is { } fix ? fix with { Offset = offset } : null;
    }

    /// <summary>
    /// The position at a wall-clock time without an offset, taking the offset from the zone where the track
    /// was at that time. The rule, and why it is safe, are at <see cref="LocalTimeMatcher"/>.
    /// </summary>
    /// <param name="zoneAt">
    /// The IANA zone at a latitude and longitude, or null (at sea); called from several threads at once during a
    /// scan. The zones along the track are looked up once per delegate: pass the same one (or a method group of
    /// the same object) every time, not a lambda that captures locals.
    /// </param>
    public TrackFix? PositionAtLocal(DateTime local, Func<double, double, DateTimeZone?> zoneAt, TimeSpan maxGap)
    {
        var zones = _zones;
        if (zones is null || zones.ZoneAt != zoneAt)
            _zones = zones = new TrackZones(_points, zoneAt);
        return LocalTimeMatcher.Match(this, zones, DateTime.SpecifyKind(local, DateTimeKind.Unspecified), maxGap);
    }

    /// <summary>The position at an instant, and how far that instant is from the nearest real fix.</summary>
    internal (TrackFix Fix, TimeSpan FromFix)? Locate(DateTime utc, TimeSpan maxGap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxGap, TimeSpan.Zero);
        var index = Array.BinarySearch(_ticks, utc.Ticks);
        if (index >= 0)
            return (Fix(_points[index], utc), TimeSpan.Zero);

        var after = ~index;
        var before = after - 1;
        if (before >= 0 && after < _points.Length && _points[after].Utc - _points[before].Utc <= maxGap)
        {
            var span = _ticks[after] - _ticks[before];
            var fraction = (double)(utc.Ticks - _ticks[before]) / span;
            var (latitude, longitude, altitude) = GeoInterpolation.Between(_points[before], _points[after], fraction);
            var fromFix = TimeSpan.FromTicks(Math.Min(utc.Ticks - _ticks[before], _ticks[after] - utc.Ticks));
            return (new TrackFix(latitude, longitude, altitude, utc), fromFix);
        }

        var sinceBefore = before >= 0 ? utc - _points[before].Utc : TimeSpan.MaxValue;
        var untilAfter = after < _points.Length ? _points[after].Utc - utc : TimeSpan.MaxValue;
        var nearest = sinceBefore <= untilAfter ? before : after;
        var distance = sinceBefore <= untilAfter ? sinceBefore : untilAfter;
        return distance <= maxGap ? (Fix(_points[nearest], utc), distance) : null;
    }

    /// <summary>Whether any fix lies between the two instants (inclusive).</summary>
    internal bool HasPointsBetween(DateTime fromUtc, DateTime toUtc)
    {
        var index = Array.BinarySearch(_ticks, fromUtc.Ticks);
        if (index < 0)
            index = ~index;
        return index < _ticks.Length && _ticks[index] <= toUtc.Ticks;
    }

    private static TrackFix Fix(TrackPoint point, DateTime utc) => new(point.Latitude, point.Longitude, point.Altitude, utc);
}
