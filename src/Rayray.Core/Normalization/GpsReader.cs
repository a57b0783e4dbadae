using System.Globalization;
using MetadataExtractor.Formats.Exif;
using Rayray.Core.Documents;

namespace Rayray.Core.Normalization;

/// <summary>The GPS position and altitude; a position outside ±90/±180 is dropped and noted, never written.</summary>
internal static class GpsReader
{
    public static (GeoPoint? Point, double? Altitude) Read(MetadataView view, XmpFacts? xmp, List<string> notes)
    {
        var gps = view.Gps;
        double? latitude = null, longitude = null;
        if (gps is not null)
        {
            if (TagValues.Text(gps, ExifTags.GpsStatus) is "V")
            {
                notes.Add("GPS position dropped: the receiver marked it void (GPSStatus V)");
                return (null, null);
            }
            var location = gps.GetGeoLocation();
            if (location is not null)
            {
                latitude = location.Latitude;
                longitude = location.Longitude;
            }
        }
        if (latitude is null && xmp?.Latitude is { } xmpLat && xmp.Longitude is { } xmpLon)
        {
            latitude = xmpLat;
            longitude = xmpLon;
        }

        GeoPoint? point = null;
        if (latitude is { } lat && longitude is { } lon)
        {
            point = GeoPoint.TryCreate(Math.Round(lat, 10), Math.Round(lon, 10));
            if (point is null)
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"GPS position dropped: latitude {lat} / longitude {lon} is outside ±90/±180"));
        }
        return (point, Altitude(gps));
    }

    private static double? Altitude(GpsDirectory? gps)
    {
        if (TagValues.Number(gps, ExifTags.GpsAltitude) is not { } altitude)
            return null;
        var belowSeaLevel = TagValues.Integer(gps, ExifTags.GpsAltitudeRef) == 1;
        return TagValues.Round(belowSeaLevel ? -altitude : altitude);
    }
}
