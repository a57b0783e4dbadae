using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rayray.Core.Documents;

namespace Rayray.Core.Normalization;

/// <summary>
/// What a Google Takeout sidecar (<c>photo.jpg.json</c>, <c>photo.jpg.supplemental-metadata.json</c>) says about its
/// photo: when it was taken (<c>photoTakenTime.timestamp</c>, seconds since 1970 in UTC), where (<c>geoData</c>, else
/// <c>geoDataExif</c>; 0,0 is Google's "no position"), its description and the people named in Google Photos
/// (<c>people[].name</c>). These only fill what the photo's own metadata lacks.
/// </summary>
internal sealed record TakeoutFacts
{
    public string? Description { get; init; }
    public DateTime? TakenUtc { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public double? Altitude { get; init; }
    public List<string> People { get; init; } = [];

    public bool HasPosition => Latitude is not null && Longitude is not null;

    /// <summary>The capture time as an instant: UTC, written with <c>Z</c>; the offset at the place comes from the position, if any.</summary>
    public CaptureTime? CaptureTime => TakenUtc is { } utc ? new CaptureTime(utc, null, TimeSpan.Zero) : null;

    /// <summary>Keys every Takeout sidecar has at least one of; another tool's <c>photo.jpg.json</c> (gallery-dl's, say) is kept in metadataRaw but says nothing here.</summary>
    private static readonly string[] TakeoutKeys = ["photoTakenTime", "creationTime", "geoData", "geoDataExif", "googlePhotosOrigin"];

    public static TakeoutFacts Read(JsonObject json)
    {
        if (!TakeoutKeys.Any(json.ContainsKey))
            return new TakeoutFacts();
        var position = Position(json["geoData"]) ?? Position(json["geoDataExif"]);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return new TakeoutFacts
        {
            Description = Text(json["description"]) is { } text && !DescriptiveReader.IsBoilerplate(text) ? text : null,
            TakenUtc = Timestamp(json["photoTakenTime"]),
            Latitude = position?.Latitude,
            Longitude = position?.Longitude,
            Altitude = position?.Altitude,
            People = json["people"] is JsonArray people
                ? [.. people.Select(p => p is JsonObject person ? Text(person["name"]) : null).OfType<string>().Where(seen.Add)]
                : [],
        };
    }

    private static DateTime? Timestamp(JsonNode? time)
    {
        // Takeout writes the seconds as a string ("1432899863"); a number is taken too. Zero means "not known".
        var seconds = time is JsonObject o ? Number(o["timestamp"]) : null;
        if (seconds is not { } value || value <= 0 || value > 253402300799)
            return null;
        return DateTime.UnixEpoch.AddSeconds(Math.Floor(value));
    }

    private static (double Latitude, double Longitude, double? Altitude)? Position(JsonNode? geo)
    {
        if (geo is not JsonObject o || Number(o["latitude"]) is not { } latitude || Number(o["longitude"]) is not { } longitude)
            return null;
        if (latitude == 0 && longitude == 0)
            return null;
        return (latitude, longitude, Number(o["altitude"]) is { } altitude && altitude != 0 ? TagValues.Round(altitude) : null);
    }

    private static double? Number(JsonNode? node)
    {
        if (node is not JsonValue value)
            return null;
        return value.GetValueKind() switch
        {
            JsonValueKind.Number => value.GetValue<double>(),
            JsonValueKind.String when double.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? TagValues.Clean(value.GetValue<string>()) : null;
}
