using System.Globalization;
using MetadataExtractor.Formats.Exif;
using Rayray.Core.Documents;

namespace Rayray.Core.Normalization;

/// <summary>The GPS position, its altitude and where it came from; a position outside ±90/±180 is dropped and noted, never written.</summary>
internal static class GpsReader
{
    public static (GeoPoint? Point, double? Altitude, LocationSource Source) Read(MetadataView view, XmpFacts? xmp, XmpFacts? sidecar, AudioVideoFacts? probe, List<string> notes)
    {
        var gps = view.Gps;
        double? latitude = null, longitude = null, altitude = null;
        if (sidecar is { HasPosition: true })
        {
            // A position the user set (geotagging in Lightroom, darktable) beats the camera's.
            var (point, height) = Validated(sidecar.Latitude!.Value, sidecar.Longitude!.Value, Altitude(gps), notes);
            return (point, height, LocationSource.Sidecar);
        }
        if (gps is not null)
        {
            if (TagValues.Text(gps, ExifTags.GpsStatus) is "V")
            {
                notes.Add("GPS position dropped: the receiver marked it void (GPSStatus V)");
                return (null, null, LocationSource.Camera);
            }
            var location = gps.GetGeoLocation();
            if (location is not null)
            {
                latitude = location.Latitude;
                longitude = location.Longitude;
            }
        }
        altitude = Altitude(gps);
        if (latitude is null && probe?.Position is { } position)
            (latitude, longitude, altitude) = (position.Latitude, position.Longitude, position.Altitude ?? altitude);
        if (latitude is null && xmp?.Latitude is { } xmpLat && xmp.Longitude is { } xmpLon)
            (latitude, longitude) = (xmpLat, xmpLon);

        var (found, elevation) = latitude is { } lat && longitude is { } lon ? Validated(lat, lon, altitude, notes) : (null, altitude);
        return (found, elevation, LocationSource.Camera);
    }

    private static (GeoPoint?, double?) Validated(double latitude, double longitude, double? altitude, List<string> notes)
    {
        var point = GeoPoint.TryCreate(Math.Round(latitude, 10), Math.Round(longitude, 10));
        if (point is null)
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"GPS position dropped: latitude {latitude} / longitude {longitude} is outside ±90/±180"));
        return (point, altitude);
    }

    private static double? Altitude(GpsDirectory? gps)
    {
        if (TagValues.Number(gps, ExifTags.GpsAltitude) is not { } altitude)
            return null;
        var belowSeaLevel = TagValues.Integer(gps, ExifTags.GpsAltitudeRef) == 1;
        return TagValues.Round(belowSeaLevel ? -altitude : altitude);
    }
}
