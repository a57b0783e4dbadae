using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Scanning;

/// <summary>A folder of generated images with known metadata, and a database beside it.</summary>
internal sealed class FixtureLibrary : IDisposable
{
    public static readonly ExifSpec FullExif = new()
    {
        Make = "Canon",
        Model = "EOS R5",
        Software = "Firmware 1.8.1",
        Artist = "Jane Doe",
        Copyright = "© Jane Doe 2024",
        ImageDescription = "Golden hour over city skyline",
        Orientation = 6,
        DateTimeOriginal = "2024:01:15 10:30:00",
        SubSecTimeOriginal = "054",
        OffsetTimeOriginal = "-08:00",
        ExposureTime = (1, 250),
        FNumber = (28, 10),
        FocalLength = (50, 1),
        Iso = 800,
        LensModel = "RF24-70mm F2.8 L IS USM",
        Latitude = 37.7749,
        Longitude = -122.4194,
        Altitude = -12.5,
        XpKeywords = "sunset;urban",
    };

    private readonly TempFolder _folder = new("rayray-library");

    public string Root => _folder["library"];
    public string DatabasePath => _folder["db/rayray.db"];

    public string Add(string relative, byte[] content) => _folder.Write("library/" + relative, content);

    public string Add(string relative, string text) => _folder.Write("library/" + relative, text);

    public string PathOf(string relative) => _folder["library/" + relative];

    public void Dispose() => _folder.Dispose();
}
