using System.Buffers.Binary;
using Rayray.Testing.Fixtures;
using Rayray.Tests.Reliability;
using Rayray.Tests.Scanning;

namespace Rayray.Tests.Extraction.Raw;

/// <summary>Fujifilm RAF: the size from the RAF directory, the camera from the embedded JPEG's EXIF.</summary>
public sealed class RafTests : IDisposable
{
    private static readonly ExifSpec Fuji = new()
    {
        Make = "FUJIFILM",
        Model = "X-T3",
        DateTimeOriginal = "2019:05:04 12:00:01",
        ExposureTime = (1, 250),
        FNumber = (8, 1),
        Iso = 160,
        FocalLength = (35, 1),
        PixelXDimension = 16,
        PixelYDimension = 12,
    };

    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    [Fact]
    public async Task Raf_reports_the_cropped_size_of_its_raf_directory_not_the_jpeg_preview()
    {
        var raf = _library.Add("a.raf", RafWriter.Write(Fuji, "X-T3", full: (6384, 4182), cropped: (6240, 4160)));

        await using var scan = await HostileScan.RunAsync(_library);

        var document = await scan.AssertIndexedAsync(raf);
        HostileScan.AssertDimensions(document, 6240, 4160);
        Assert.Equal(("FUJIFILM", "X-T3", 0.004, 8.0, 160, 35.0),
            (document.Camera?.Make, document.Camera?.Model, document.Camera?.Exposure, document.Camera?.Aperture, document.Camera?.Iso, document.Camera?.FocalLength));
        Assert.Equal("2019-05-04T12:00:01", document.Timestamps.Taken?.ToString());
        var header = document.MetadataRaw["file"]!["RAF"]!;
        Assert.Equal([6384, 4182], header["RawImageFullSize"]!.AsArray().Select(v => (int)v!));
        Assert.Equal("0100", (string?)header["RAFVersion"]);
    }

    [Fact]
    public async Task Raf_without_a_cropped_size_reports_its_embedded_jpeg_as_exiftool_does()
    {
        var raf = _library.Add("a.raf", RafWriter.Write(Fuji with { PixelXDimension = null, PixelYDimension = null }, "FinePix S5Pro", full: (4352, 1444), cropped: null));

        await using var scan = await HostileScan.RunAsync(_library);

        HostileScan.AssertDimensions(await scan.AssertIndexedAsync(raf), 16, 12);
    }

    [Fact]
    public async Task Raf_cut_short_inside_its_raw_data_is_invalid()
    {
        var whole = RafWriter.Write(Fuji, "X-T3", (6384, 4182), (6240, 4160), rawBytes: 4096);
        var raf = _library.Add("a.raf", whole[..^1000]);

        await using var scan = await HostileScan.RunAsync(_library);

        await scan.AssertInvalidAsync(raf, "truncated: the raw data of the RAF needs bytes up to");
    }

    [Fact]
    public async Task Raf_whose_directory_declares_four_billion_records_keeps_its_jpeg_and_says_why()
    {
        var bytes = RafWriter.Write(Fuji, "X-T3", (6384, 4182), (6240, 4160));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan((int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(0x5C))), uint.MaxValue);
        var raf = _library.Add("a.raf", bytes);

        await using var scan = await HostileScan.RunAsync(_library);

        var document = await scan.AssertIndexedAsync(raf);
        HostileScan.AssertDimensions(document, 16, 12);
        Assert.Contains(document.Errors, e => e.Contains("the RAF directory at offset", StringComparison.Ordinal));
        scan.AssertReadWithinBudget([raf]);
    }
}
