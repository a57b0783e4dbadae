using NodaTime;

namespace Rayray.Core.Geotagging;

/// <summary>
/// The position for a wall-clock time without a UTC offset (most cameras record none). exiftool makes the user
/// say the offset; rayray asks the track where it was.
/// <para>
/// The rule: a local time L means the instant U = L − offset(Z, U) for the zone Z the camera was in. For each
/// zone Z the track passes through within ±14 h of L (every offset a clock can show), U is computed from Z's
/// rule on that date and the position at U is interpolated. The candidate holds only when it is consistent:
/// the zone at that position gives the same offset at U, so the local time read from the position is L
/// again. When several candidates hold (a trip across zones around that time, or the hour repeated when
/// clocks go back), the one whose U is nearest a real fix wins (an interpolation over a shorter distance),
/// the earlier on a tie. When none holds there is no position: better none than one from a wrong hour.
/// </para>
/// </summary>
internal static class LocalTimeMatcher
{
    private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);

    // The zones tried per local time: more means a track around the world within a day.
    private const int MaxZones = 32;

    public static TrackFix? Match(TrackLog track, TrackZones zones, DateTime local, TimeSpan maxGap)
    {
        var reach = MaxOffset + maxGap;
        if (local.Ticks < reach.Ticks || local.Ticks > DateTime.MaxValue.Ticks - reach.Ticks)
            return null;
        var from = DateTime.SpecifyKind(local - reach, DateTimeKind.Utc);
        var to = DateTime.SpecifyKind(local + reach, DateTimeKind.Utc);
        if (!track.HasPointsBetween(from, to))
            return null;

        var pending = new Queue<DateTimeZone>(zones.Between(from, to));
        var tried = new HashSet<string>(StringComparer.Ordinal);
        var wallClock = LocalDateTime.FromDateTime(local);
        (TrackFix Fix, TimeSpan FromFix)? best = null;
        while (pending.TryDequeue(out var zone) && tried.Count < MaxZones)
        {
            if (!tried.Add(zone.Id))
                continue;
            foreach (var zoned in Instants(zone, wallClock))
            {
                var instant = zoned.ToInstant();
                if (track.Locate(zoned.ToDateTimeUtc(), maxGap) is not { } candidate)
                    continue;
                if (zones.ZoneAt(candidate.Fix.Latitude, candidate.Fix.Longitude) is not { } here)
                    continue;
                if (here.Id != zone.Id)
                    pending.Enqueue(here);
                if (here.GetUtcOffset(instant) != zoned.Offset)
                    continue;
                if (best is not { } b || candidate.FromFix < b.FromFix || (candidate.FromFix == b.FromFix && candidate.Fix.Utc < b.Fix.Utc))
                    best = (candidate.Fix with { Offset = zoned.Offset.ToTimeSpan() }, candidate.FromFix);
            }
        }
        return best?.Fix;
    }

    /// <summary>
    /// The instants a wall-clock time can be in a zone: one; two in the hour repeated when clocks go back; for a
    /// time skipped when they go forward, the instant a clock not yet changed would have meant.
    /// </summary>
    private static IEnumerable<ZonedDateTime> Instants(DateTimeZone zone, LocalDateTime wallClock)
    {
        var mapping = zone.MapLocal(wallClock);
        return mapping.Count switch
        {
            1 => [mapping.Single()],
            2 => [mapping.First(), mapping.Last()],
            _ => [zone.AtLeniently(wallClock)],
        };
    }
}
