using System.Globalization;
using NodaTime;
using Rayray.Core.Documents;

namespace Rayray.Core.Normalization;

/// <summary>
/// The capture instant in UTC and the local offset, when the file's time alone does not say: the offset the
/// camera recorded; else the camera's clock against the GPS time stamp, rounded to the quarter hour; else the
/// IANA zone at the position with its rule on that date (NodaTime's own tz database, so the answer does not
/// depend on the machine). <c>taken</c> itself is never changed.
/// </summary>
internal static class CaptureClock
{
    private static readonly TimeSpan MaxOffset = TimeSpan.FromHours(14);
    private static readonly long QuarterHourTicks = TimeSpan.FromMinutes(15).Ticks;

    public sealed record Reading(DateTime? Utc, TimeSpan? Offset, OffsetSource? Source)
    {
        public static readonly Reading None = new(null, null, null);

        public string? OffsetText => Offset is { } offset ? CaptureTime.FormatOffset(offset) : null;
    }

    /// <param name="taken">The capture time as the file says.</param>
    /// <param name="takenIsUniversal">The time came from a source that only ever records UTC (a QuickTime creation time, the GPS time): its offset says nothing about the local clock.</param>
    /// <param name="gpsUtc">The GPS date and time stamp.</param>
    /// <param name="zone">The zone at the position, when there is one.</param>
    public static Reading Resolve(CaptureTime? taken, bool takenIsUniversal, DateTime? gpsUtc, DateTimeZone? zone)
    {
        if (taken is not { } time)
            return Reading.None;
        if (time.Utc is { } utc)
        {
            if (!takenIsUniversal)
                return new Reading(utc, time.Offset, OffsetSource.Camera);
            return zone is null
                ? new Reading(utc, null, null)
                : new Reading(utc, zone.GetUtcOffset(Instant.FromDateTimeUtc(utc)).ToTimeSpan(), OffsetSource.Location);
        }

        var local = time.Local;
        if (gpsUtc is { } gps && FromGps(local, gps) is { } offset)
            return new Reading(DateTime.SpecifyKind(local - offset, DateTimeKind.Utc), offset, OffsetSource.Gps);
        if (zone is not null)
        {
            // A wall-clock time skipped by a spring-forward gap, or repeated in the autumn, still gets one answer.
            var zoned = zone.AtLeniently(LocalDateTime.FromDateTime(local));
            return new Reading(zoned.ToDateTimeUtc(), zoned.Offset.ToTimeSpan(), OffsetSource.Location);
        }
        return Reading.None;
    }

    /// <summary>The camera clock minus the GPS time, to the nearest quarter hour; null when it is no plausible offset.</summary>
    private static TimeSpan? FromGps(DateTime local, DateTime gpsUtc)
    {
        var difference = local - gpsUtc;
        var rounded = new TimeSpan((long)Math.Round((double)difference.Ticks / QuarterHourTicks) * QuarterHourTicks);
        return rounded.Duration() <= MaxOffset ? rounded : null;
    }
}
