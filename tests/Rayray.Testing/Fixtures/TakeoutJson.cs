using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rayray.Testing.Fixtures;

/// <summary>
/// The JSON Google Takeout writes beside each photo of a Google Photos export, in its own shape: times as strings of
/// Unix seconds with a "formatted" twin, geoData and geoDataExif always present (0.0 when there is no position),
/// people as objects with a name.
/// </summary>
public static class TakeoutJson
{
    public static string Build(string title, DateTime? takenUtc = null, double? latitude = null, double? longitude = null, double? altitude = null,
        string description = "", IReadOnlyList<string>? people = null, (double Latitude, double Longitude)? exifPosition = null)
    {
        var json = new JsonObject
        {
            ["title"] = title,
            ["description"] = description,
            ["imageViews"] = "3",
            ["creationTime"] = Time(new DateTime(2023, 9, 24, 11, 20, 28, DateTimeKind.Utc)),
        };
        if (takenUtc is { } taken)
            json["photoTakenTime"] = Time(taken);
        json["geoData"] = Geo(latitude ?? 0, longitude ?? 0, altitude ?? 0);
        json["geoDataExif"] = Geo(exifPosition?.Latitude ?? 0, exifPosition?.Longitude ?? 0, 0);
        if (people is not null)
            json["people"] = new JsonArray([.. people.Select(name => (JsonNode)new JsonObject { ["name"] = name })]);
        json["url"] = "https://photos.google.com/photo/AF1QipExample";
        json["googlePhotosOrigin"] = new JsonObject { ["mobileUpload"] = new JsonObject { ["deviceType"] = "ANDROID_PHONE" } };
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Time(DateTime utc) => new()
    {
        ["timestamp"] = new DateTimeOffset(utc, TimeSpan.Zero).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        ["formatted"] = utc.ToString("MMM d, yyyy, h:mm:ss tt 'UTC'", CultureInfo.InvariantCulture),
    };

    private static JsonObject Geo(double latitude, double longitude, double altitude) => new()
    {
        ["latitude"] = latitude,
        ["longitude"] = longitude,
        ["altitude"] = altitude,
        ["latitudeSpan"] = 0.0,
        ["longitudeSpan"] = 0.0,
    };
}
