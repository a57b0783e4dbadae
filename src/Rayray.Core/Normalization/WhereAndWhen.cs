using Rayray.Core.Documents;

namespace Rayray.Core.Normalization;

/// <summary>
/// Where and when a file was made, decided together because each informs the other: the position (the XMP sidecar's,
/// the file's, the Google Takeout JSON's, else the track log's at the capture time), its place names, the capture time
/// (the file's, else the Takeout JSON's instant), and its UTC instant and offset (recorded, from the GPS time stamp, or
/// from the zone at the position).
/// </summary>
internal static class WhereAndWhen
{
    public sealed record Facts(
        GeoPoint? Point, double? Altitude, LocationSource? Source, PlaceInfo? Place,
        CaptureTime? Taken, CaptureClock.Reading Clock, DateTime? GpsUtc);

    public static Facts Resolve(MetadataView view, XmpFacts? xmp, XmpFacts? sidecar, AudioVideoFacts? audioVideo, List<string> notes, NormalizationContext context,
        TakeoutFacts? takeout = null)
    {
        var (point, altitude, source) = GpsReader.Read(view, xmp, sidecar, audioVideo, notes);
        var (taken, universal) = CaptureTimeResolver.Resolve(view, xmp, sidecar, audioVideo);
        var gpsUtc = CaptureTimeResolver.GpsStamp(view);

        // Google's JSON only fills what the file itself does not say (a photo stripped of its EXIF by an upload).
        if (point is null && takeout is { HasPosition: true } && GeoPoint.TryCreate(Math.Round(takeout.Latitude!.Value, 10), Math.Round(takeout.Longitude!.Value, 10)) is { } fromTakeout)
            (point, altitude, source) = (fromTakeout, takeout.Altitude ?? altitude, LocationSource.Sidecar);
        if (taken is null && takeout?.CaptureTime is { } takeoutTime)
            (taken, universal) = (takeoutTime, true);

        // A track log only ever places a file that has no position of its own.
        if (point is null && context.Geotag is { } geotag && taken is { } time)
        {
            var knownUtc = CaptureClock.Resolve(time, universal, gpsUtc, zone: null).Utc;
            if (geotag.Locate(knownUtc, time.Local, context.ZoneAt) is { } fix && GeoPoint.TryCreate(fix.Latitude, fix.Longitude) is { } tracked)
                (point, altitude, source) = (tracked, fix.Altitude ?? altitude, LocationSource.Track);
        }

        var zone = point is null ? null : context.ZoneAt(point.Latitude, point.Longitude);
        var place = point is null ? null : context.PlaceAt(point.Latitude, point.Longitude) is { } found
            ? new PlaceInfo { City = found.City, Region = found.Region, Country = found.Country, CountryCode = found.CountryCode }
            : null;
        var clock = CaptureClock.Resolve(taken, universal, gpsUtc, zone);
        return new Facts(point, altitude, point is null ? null : source, place, taken, clock, gpsUtc);
    }
}
