using System.Text.Json;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Fixtures;

/// <summary>The fully populated <see cref="ExifSpec"/> the fixture tests write, and how exiftool must read it back.</summary>
internal static class SampleExif
{
    public static ExifSpec Full { get; } = new()
    {
        Make = "Rayray Optics",
        Model = "RX-100 Mk VII",
        Software = "rayray fixtures 1.0",
        Artist = "Ada Lovelace",
        Copyright = "(c) 2024 Ada Lovelace",
        ImageDescription = "Golden Gate at dusk",
        Orientation = 6,
        DateTime = "2024:05:17 15:00:00",
        OffsetTime = "-08:00",
        DateTimeOriginal = "2024:05:17 14:03:27",
        SubSecTimeOriginal = "042",
        OffsetTimeOriginal = "-08:00",
        DateTimeDigitized = "2024:05:17 14:03:27",
        ExposureTime = (1, 250),
        FNumber = (28, 10),
        FocalLength = (50, 1),
        Iso = 800,
        LensModel = "FE 50mm F1.8",
        PixelXDimension = 640,
        PixelYDimension = 480,
        Latitude = 37.7749,
        Longitude = -122.4194,
        Altitude = -12.5,
        GpsStatus = "A",
        GpsDateStamp = "2024:05:17",
        GpsTimeStamp = (22, 3, 27),
        XpKeywords = "sunset;urban",
    };

    /// <summary>The tags <see cref="AssertReadBack"/> checks, as exiftool arguments.</summary>
    public static readonly string[] Tags =
    [
        "ImageWidth", "ImageHeight", "Make", "Model", "DateTimeOriginal", "SubSecTimeOriginal", "OffsetTimeOriginal",
        "ExposureTime", "FNumber", "ISO", "FocalLength", "Composite:GPSLatitude", "Composite:GPSLongitude",
        "Composite:GPSAltitude", "Orientation", "XPKeywords", "LensModel", "GPSDateStamp",
    ];

    /// <summary>Runs <c>exiftool -n -json -Warning -Error</c> with the given tags on one file and returns its object.</summary>
    public static JsonElement ReadWithExiftool(string path, params string[] tags)
    {
        var arguments = new List<string> { "-n", "-json", "-Warning", "-Error" };
        arguments.AddRange(tags.Select(t => "-" + t));
        arguments.Add(path);
        using var document = JsonDocument.Parse(ExternalTool.Run("exiftool", [.. arguments]));
        return document.RootElement.EnumerateArray().Single().Clone();
    }

    public static void AssertNoWarningOrError(JsonElement tags)
    {
        Assert.False(tags.TryGetProperty("Warning", out var warning), $"exiftool warned: {warning}");
        Assert.False(tags.TryGetProperty("Error", out var error), $"exiftool error: {error}");
    }

    public static void AssertReadBack(JsonElement tags, int width, int height)
    {
        AssertNoWarningOrError(tags);
        Assert.Equal(width, tags.GetProperty("ImageWidth").GetInt32());
        Assert.Equal(height, tags.GetProperty("ImageHeight").GetInt32());
        Assert.Equal(Full.Make, Text(tags, "Make"));
        Assert.Equal(Full.Model, Text(tags, "Model"));
        Assert.Equal(Full.DateTimeOriginal, Text(tags, "DateTimeOriginal"));
        Assert.Equal(Full.SubSecTimeOriginal, Text(tags, "SubSecTimeOriginal"));
        Assert.Equal(Full.OffsetTimeOriginal, Text(tags, "OffsetTimeOriginal"));
        Assert.Equal(1.0 / 250, tags.GetProperty("ExposureTime").GetDouble(), 1e-12);
        Assert.Equal(2.8, tags.GetProperty("FNumber").GetDouble(), 1e-12);
        Assert.Equal(800, tags.GetProperty("ISO").GetInt32());
        Assert.Equal(50.0, tags.GetProperty("FocalLength").GetDouble(), 1e-12);
        Assert.Equal(37.7749, tags.GetProperty("GPSLatitude").GetDouble(), 1e-9);
        Assert.Equal(-122.4194, tags.GetProperty("GPSLongitude").GetDouble(), 1e-9);
        Assert.Equal(-12.5, tags.GetProperty("GPSAltitude").GetDouble(), 1e-9);
        Assert.Equal(6, tags.GetProperty("Orientation").GetInt32());
        Assert.Equal(Full.XpKeywords, Text(tags, "XPKeywords"));
        Assert.Equal(Full.LensModel, Text(tags, "LensModel"));
        Assert.Equal(Full.GpsDateStamp, Text(tags, "GPSDateStamp"));
    }

    /// <summary>A value as text whether exiftool emitted it as a JSON string or (like "042" is not) a number.</summary>
    public static string Text(JsonElement tags, string name) => tags.GetProperty(name).ToString();
}
