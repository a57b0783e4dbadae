using Rayray.Testing.Fixtures;
using Rayray.Tests.Reliability;
using Rayray.Tests.Scanning;

namespace Rayray.Tests.Extraction.Raw;

/// <summary>Canon CRW: the size from CIFF's ImageInfo record, as exiftool reports it.</summary>
public sealed class CrwTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    [Fact]
    public async Task Crw_reports_the_size_of_its_image_info_record()
    {
        var bytes = CrwWriter.Write("Canon", "Canon EOS DIGITAL REBEL", (3072, 2048), unixTime: 1068485966, tv: 6f, av: 6f, focalLength: 24);
        var crw = _library.Add("a.crw", bytes);

        await using var scan = await HostileScan.RunAsync(_library);

        var document = await scan.AssertIndexedAsync(crw);
        HostileScan.AssertDimensions(document, 3072, 2048);
        Assert.Equal(("Canon", "Canon EOS DIGITAL REBEL", 0.015625, 8.0, 24.0),
            (document.Camera?.Make, document.Camera?.Model, document.Camera?.Exposure, document.Camera?.Aperture, document.Camera?.FocalLength));
        Assert.Equal("2003-11-10T17:39:26", document.Timestamps.Taken?.ToString());
    }
}
