using Rayray.Testing.Fixtures;
using Rayray.Tests.Reliability;
using Rayray.Tests.Scanning;

namespace Rayray.Tests.Extraction.Raw;

/// <summary>
/// TIFF-based RAW files report the size exiftool reports: the full-resolution image (NewSubfileType 0) wherever it
/// sits, not the preview in IFD0; Panasonic's sensor crop; Phase One's own directory.
/// </summary>
public sealed class TiffRawSizeTests : IDisposable
{
    private static readonly ExifSpec Nikon = new()
    {
        Make = "NIKON CORPORATION",
        Model = "NIKON D70",
        DateTimeOriginal = "2004:06:09 16:02:35",
        ExposureTime = (1, 20),
        FNumber = (35, 10),
        Iso = 200,
        FocalLength = (18, 1),
    };

    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    [Fact]
    public async Task Dng_reports_the_sensor_image_not_the_preview()
    {
        var exif = Nikon with { Make = "Canon", Model = "Canon EOS 350D DIGITAL" };
        var dng = _library.Add("a.dng", RawTiffWriter.Write(exif, RawTiffWriter.Dng, preview: (8, 8), sensor: (3516, 2328), sensorData: new byte[22]));

        await using var scan = await HostileScan.RunAsync(_library);

        var document = await scan.AssertIndexedAsync(dng);
        HostileScan.AssertDimensions(document, 3516, 2328);
        Assert.Equal("Canon EOS 350D DIGITAL", document.Camera?.Model);
    }

    [Fact]
    public async Task Nef_reports_the_sensor_image_not_the_preview()
    {
        var nef = _library.Add("a.nef", RawTiffWriter.Write(Nikon, RawTiffWriter.Nef, preview: (160, 106), sensor: (3040, 2014), sensorData: new byte[18]));

        await using var scan = await HostileScan.RunAsync(_library);

        var document = await scan.AssertIndexedAsync(nef);
        HostileScan.AssertDimensions(document, 3040, 2014);
        Assert.Equal(("NIKON CORPORATION", 0.05, 3.5, 200, 18.0),
            (document.Camera?.Make, document.Camera?.Exposure, document.Camera?.Aperture, document.Camera?.Iso, document.Camera?.FocalLength));
    }

    [Fact]
    public async Task A_raw_cut_short_inside_the_sensor_image_of_its_subifd_is_invalid()
    {
        var nef = _library.Add("a.nef", RawTiffWriter.Write(Nikon, RawTiffWriter.Nef, (160, 106), (3040, 2014), new byte[64], claimedSensorBytes: 9_000_000));

        await using var scan = await HostileScan.RunAsync(_library);

        await scan.AssertInvalidAsync(nef, "truncated: image data in Exif SubIFD needs bytes up to");
    }

    [Fact]
    public async Task Rw2_reports_the_sensor_crop_between_its_borders_and_is_indexed()
    {
        var exif = Nikon with { Make = "Panasonic", Model = "DMC-LX3", Iso = 80 };
        var rw2 = _library.Add("a.rw2", Rw2Writer.Write(exif, sensor: (3724, 2754), borders: (6, 8, 2742, 3656), rawBytes: 4096));

        await using var scan = await HostileScan.RunAsync(_library);

        var document = await scan.AssertIndexedAsync(rw2);
        HostileScan.AssertDimensions(document, 3648, 2736);
        Assert.Equal(("Panasonic", "DMC-LX3", 80), (document.Camera?.Make, document.Camera?.Model, document.Camera?.Iso));
    }

    [Fact]
    public async Task Rw2_whose_raw_data_starts_past_the_end_of_the_file_is_invalid()
    {
        var rw2 = _library.Add("a.rw2", Rw2Writer.Write(Nikon, (3724, 2754), (6, 8, 2742, 3656), rawBytes: 0, rawDataOffset: 12_000_000));

        await using var scan = await HostileScan.RunAsync(_library);

        await scan.AssertInvalidAsync(rw2, "truncated: the raw data in PanasonicRaw Exif IFD0 starts at byte 12000000 but the file ends at");
    }

    [Fact]
    public async Task Iiq_reports_the_image_size_of_its_phase_one_directory()
    {
        var exif = Nikon with { Make = "Phase One", Model = "IQ180", Iso = 35 };
        var iiq = _library.Add("a.iiq", IiqWriter.Write(exif, sensor: (10380, 7816), image: (10328, 7760), serial: "LR012345", iso: 35));

        await using var scan = await HostileScan.RunAsync(_library);

        var document = await scan.AssertIndexedAsync(iiq);
        HostileScan.AssertDimensions(document, 10328, 7760);
        Assert.Equal(("Phase One", 35), (document.Camera?.Make, document.Camera?.Iso));
        var phaseOne = document.MetadataRaw["file"]!["PhaseOne"]!;
        Assert.Equal("LR012345", (string?)phaseOne["SerialNumber"]);
        Assert.Equal(10380, (int?)phaseOne["SensorWidth"]);
    }
}
