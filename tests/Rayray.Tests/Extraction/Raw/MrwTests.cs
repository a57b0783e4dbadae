using Rayray.Testing.Fixtures;
using Rayray.Tests.Reliability;
using Rayray.Tests.Scanning;

namespace Rayray.Tests.Extraction.Raw;

/// <summary>Minolta MRW: the size from the PRD block, the camera from the TIFF in the TTW block.</summary>
public sealed class MrwTests : IDisposable
{
    private static readonly ExifSpec Minolta = new()
    {
        Make = "KONICA MINOLTA",
        Model = "DYNAX 5D",
        DateTimeOriginal = "2005:10:02 09:15:27",
        ExposureTime = (1, 125),
        FNumber = (56, 10),
        Iso = 400,
        FocalLength = (50, 1),
    };

    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    [Fact]
    public async Task Mrw_reports_the_image_size_of_its_prd_block_and_the_exif_of_its_ttw_block()
    {
        var mrw = _library.Add("a.mrw", MrwWriter.Write(Minolta, sensor: (64, 48), image: (60, 44)));

        await using var scan = await HostileScan.RunAsync(_library);

        var document = await scan.AssertIndexedAsync(mrw);
        HostileScan.AssertDimensions(document, 60, 44);
        Assert.Equal(("KONICA MINOLTA", "DYNAX 5D", 0.008, 5.6, 400, 50.0),
            (document.Camera?.Make, document.Camera?.Model, document.Camera?.Exposure, document.Camera?.Aperture, document.Camera?.Iso, document.Camera?.FocalLength));
        Assert.Equal("2005-10-02T09:15:27", document.Timestamps.Taken?.ToString());
        Assert.Equal(64, (int?)document.MetadataRaw["file"]!["MRW"]!["SensorWidth"]);
    }

    [Fact]
    public async Task Mrw_cut_short_inside_its_raw_data_is_invalid()
    {
        var mrw = _library.Add("a.mrw", MrwWriter.Write(Minolta, (64, 48), (60, 44), missingRawBytes: 100));

        await using var scan = await HostileScan.RunAsync(_library);

        await scan.AssertInvalidAsync(mrw, "truncated: the raw data of the MRW needs bytes up to");
    }

    [Fact]
    public async Task Mrw_whose_block_declares_four_gigabytes_is_invalid_and_the_scan_goes_on()
    {
        byte[] hostile = [.. "\0MRM"u8, 0, 0, 0, 32, .. "\0PRD"u8, 0xFF, 0xFF, 0xFF, 0xF0, .. new byte[24]];
        var mrw = _library.Add("a.mrw", hostile);
        var after = _library.Add("b.mrw", MrwWriter.Write(Minolta, (64, 48), (60, 44)));

        await using var scan = await HostileScan.RunAsync(_library);

        await scan.AssertInvalidAsync(mrw, "truncated: the MRW block at offset 8 needs bytes up to");
        await scan.AssertIndexedAsync(after);
        scan.AssertReadWithinBudget([mrw, after]);
    }
}
