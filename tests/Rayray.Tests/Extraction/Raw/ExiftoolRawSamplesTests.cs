using System.Globalization;
using Rayray.Testing;
using Rayray.Tests.Reliability;
using Rayray.Tests.Scanning;

namespace Rayray.Tests.Extraction.Raw;

/// <summary>
/// ExifTool's own RAW test files (../shared/corpus/exiftool-samples; their image data is cut down to a few bytes)
/// read as exiftool 12.57 reads them: the values below are <c>exiftool -n -json</c>'s ImageWidth, ImageHeight,
/// Make, Model, ExposureTime, FNumber, ISO, FocalLength and DateTimeOriginal (with SubSecTimeOriginal).
/// </summary>
public sealed class ExiftoolRawSamplesTests
{
    public sealed record Expected(int Width, int Height, string Make, string Model, double Exposure, double Aperture, int Iso, double FocalLength, string Taken);

    private static readonly Dictionary<string, Expected> Exiftool = new()
    {
        ["DNG.dng"] = new(3516, 2328, "Canon", "Canon EOS 350D DIGITAL", 0.06666666667, 8, 400, 55, "2005-08-03T18:59:18"),
        ["Nikon.nef"] = new(3040, 2014, "NIKON CORPORATION", "NIKON D70", 0.05, 3.5, 200, 18, "2004-06-09T16:02:35.00"),
        ["Panasonic.rw2"] = new(3648, 2736, "Panasonic", "DMC-LX3", 0.004, 4, 80, 5.1, "2008-08-06T15:21:56"),
        ["CanonRaw.cr2"] = new(1536, 1024, "Canon", "Canon EOS 350D DIGITAL", 0.06666666667, 8, 400, 55, "2005-08-03T18:59:18"),
    };

    [SharedCorpusFact]
    public async Task The_raw_samples_of_exiftool_are_indexed_with_the_size_and_camera_exiftool_reports()
    {
        using var library = new FixtureLibrary();
        var samples = Path.Combine(RepoPaths.Shared!, "corpus", "exiftool-samples");
        var paths = Exiftool.Keys.ToDictionary(name => name, name => library.Add(name, File.ReadAllBytes(Path.Combine(samples, name))));

        await using var scan = await HostileScan.RunAsync(library);

        var mismatches = new List<string>();
        foreach (var (name, expected) in Exiftool)
        {
            var document = await scan.AssertIndexedAsync(paths[name]);
            var camera = document.Camera;
            var actual = new Expected(
                document.Dimensions?.Width ?? 0, document.Dimensions?.Height ?? 0, camera?.Make ?? "", camera?.Model ?? "",
                camera?.Exposure ?? 0, camera?.Aperture ?? 0, camera?.Iso ?? 0, camera?.FocalLength ?? 0, document.Timestamps.Taken?.ToString() ?? "");
            if (actual != expected)
                mismatches.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: rayray {actual}, exiftool {expected}"));
        }
        Assert.Empty(mismatches);
    }
}
