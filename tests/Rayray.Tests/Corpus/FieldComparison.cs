using System.Globalization;
using System.Text.Json;
using Rayray.Core.Documents;

namespace Rayray.Tests.Corpus;

/// <summary>One field of one file: what exiftool reports and what rayray indexed.</summary>
internal sealed record FieldResult(string Field, object? Exiftool, object? Rayray)
{
    public bool Same => (Exiftool, Rayray) switch
    {
        (null, null) => true,
        (double w, double g) => Math.Abs(w - g) <= 1e-7 * Math.Max(1, Math.Abs(w)),
        _ => Equals(Exiftool, Rayray),
    };

    /// <summary>Whether either side has a value: the pairs an agreement figure counts.</summary>
    public bool Present => Exiftool is not null || Rayray is not null;

    public override string ToString() => $"{Field}: exiftool {Exiftool ?? "(none)"}, rayray {Rayray ?? "(none)"}";
}

/// <summary>
/// A document's fields set against exiftool's values for the same file, in the schema's terms: exiftool's
/// DateTimeOriginal with its sub-seconds and offset becomes rayray's ISO 8601 capture time, its signed composite
/// altitude rayray's altitude, and so on.
/// </summary>
internal static class FieldComparison
{
    /// <summary>The fields an agreement figure is made of (latitude and longitude together as "gps").</summary>
    public static readonly string[] AgreementFields = ["make", "model", "width", "height", "exposure", "aperture", "iso", "focalLength", "gps", "taken"];

    public static IReadOnlyList<FieldResult> Compare(JsonElement expected, MediaDocument document) =>
    [
        new("make", ExiftoolReference.Text(expected, "Make"), document.Camera?.Make),
        new("model", ExiftoolReference.Text(expected, "Model"), document.Camera?.Model),
        new("taken", ExpectedTaken(expected), document.Timestamps.Taken?.ToString()),
        new("width", ExiftoolReference.Number(expected, "ImageWidth"), (double?)document.Dimensions?.Width),
        new("height", ExiftoolReference.Number(expected, "ImageHeight"), (double?)document.Dimensions?.Height),
        new("latitude", ExiftoolReference.Number(expected, "GPSLatitude"), document.Location?.Latitude),
        new("longitude", ExiftoolReference.Number(expected, "GPSLongitude"), document.Location?.Longitude),
        new("altitude", ExpectedAltitude(expected), document.Altitude),
        new("exposure", ExiftoolReference.Number(expected, "ExposureTime") ?? ExiftoolReference.Number(expected, "ShutterSpeed"), document.Camera?.Exposure),
        new("aperture", ExiftoolReference.Number(expected, "FNumber") ?? ExiftoolReference.Number(expected, "Aperture"), document.Camera?.Aperture),
        new("iso", ExiftoolReference.Number(expected, "ISO") is { } iso ? Math.Round(iso) : null, (double?)document.Camera?.Iso),
        new("focalLength", ExiftoolReference.Number(expected, "FocalLength"), document.Camera?.FocalLength),
        new("orientation", ExiftoolReference.Number(expected, "Orientation"), (double?)document.Dimensions?.Orientation),
        new("lens", ExiftoolReference.Text(expected, "LensModel"), document.Camera?.Lens is { } lens && ExiftoolReference.Text(expected, "LensModel") is not null ? lens : null),
    ];

    /// <summary>The named agreement field of a comparison: latitude and longitude count once, as "gps".</summary>
    public static FieldResult? AgreementField(IReadOnlyList<FieldResult> results, string field)
    {
        if (field != "gps")
            return results.FirstOrDefault(r => r.Field == field);
        var latitude = results.First(r => r.Field == "latitude");
        var longitude = results.First(r => r.Field == "longitude");
        return latitude.Same && longitude.Same
            ? latitude with { Field = "gps" }
            : new FieldResult("gps", Pair(latitude.Exiftool, longitude.Exiftool), Pair(latitude.Rayray, longitude.Rayray));
    }

    private static string? Pair(object? latitude, object? longitude) =>
        latitude is null && longitude is null ? null : string.Create(CultureInfo.InvariantCulture, $"{latitude ?? "-"},{longitude ?? "-"}");

    /// <summary>
    /// exiftool's DateTimeOriginal with SubSecTimeOriginal and OffsetTimeOriginal, as ISO 8601; when the file has
    /// no DateTimeOriginal, its CreateDate (EXIF, else XMP, which may carry an offset; a QuickTime or MP4 movie's
    /// is UTC, which exiftool -n prints without saying so); when it has neither, the GPS date and time (UTC).
    /// A value that is not a whole date and time (an AIFF's "2006") is compared as it is.
    /// </summary>
    private static string? ExpectedTaken(JsonElement expected)
    {
        var original = ExiftoolReference.Text(expected, "DateTimeOriginal");
        var raw = original ?? ExiftoolReference.Text(expected, "CreateDate") ?? ExiftoolReference.Text(expected, "Composite:GPSDateTime");
        if (raw is null || raw.Length < 19)
            return raw;
        var date = raw[..10].Replace(':', '-') + "T" + raw[11..19];
        var rest = raw[19..];
        if (original is not null && ExiftoolReference.Text(expected, "SubSecTimeOriginal") is { } subSeconds)
            date += "." + subSeconds;
        var offset = original is not null ? ExiftoolReference.Text(expected, "OffsetTimeOriginal") ?? rest : rest;
        if (original is null && offset == "" && ExiftoolReference.Text(expected, "FileType") is "MOV" or "MP4" or "M4A" or "3GP")
            offset = "Z";
        return date + offset switch
        {
            "" => "",
            "Z" or "+00:00" => "Z",
            _ => offset,
        };
    }

    /// <summary>exiftool's signed composite altitude; it leaves the composite out when GPSAltitudeRef is missing, which EXIF defines as above sea level.</summary>
    private static double? ExpectedAltitude(JsonElement expected) =>
        ExiftoolReference.Number(expected, "GPSAltitude")
        ?? (ExiftoolReference.Number(expected, "GPS:GPSAltitude") is { } altitude
            ? ExiftoolReference.Number(expected, "GPS:GPSAltitudeRef") == 1 ? -altitude : altitude
            : null);
}
