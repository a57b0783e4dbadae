using Rayray.Testing.Fixtures;
using Rayray.Tests.Reliability;
using Rayray.Tests.Scanning;

namespace Rayray.Tests.Extraction.Raw;

/// <summary>Sigma X3F: the size from the FOVb header, the camera from the property list.</summary>
public sealed class X3fTests : IDisposable
{
    private static readonly (string, string)[] Sd14 =
    [
        ("CAMMANUF", "SIGMA"), ("CAMMODEL", "SIGMA SD14"), ("CAMSERIAL", "1234567"), ("APERTURE", "8.0"),
        ("SHUTTER", "0.004"), ("ISO", "100"), ("FLENGTH", "30.0"), ("TIME", "1195654563"),
    ];

    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    [Fact]
    public async Task X3f_reports_the_size_of_its_header_and_the_camera_of_its_properties()
    {
        var x3f = _library.Add("a.x3f", X3fWriter.Write((2640, 1760), Sd14));

        await using var scan = await HostileScan.RunAsync(_library);

        var document = await scan.AssertIndexedAsync(x3f);
        HostileScan.AssertDimensions(document, 2640, 1760);
        Assert.Equal(("SIGMA", "SIGMA SD14", 0.004, 8.0, 100, 30.0),
            (document.Camera?.Make, document.Camera?.Model, document.Camera?.Exposure, document.Camera?.Aperture, document.Camera?.Iso, document.Camera?.FocalLength));
        Assert.Equal("2007-11-21T14:16:03", document.Timestamps.Taken?.ToString());
        Assert.Equal("1234567", (string?)document.MetadataRaw["file"]!["X3F"]!["SerialNumber"]);
    }

    [Fact]
    public async Task X3f_version_4_reads_its_size_from_the_longer_header()
    {
        var x3f = _library.Add("a.x3f", X3fWriter.Write((5424, 3616), [("CAMMODEL", "SIGMA dp2 Quattro")], version4: true));

        await using var scan = await HostileScan.RunAsync(_library);

        HostileScan.AssertDimensions(await scan.AssertIndexedAsync(x3f), 5424, 3616);
    }

    [Fact]
    public async Task X3f_cut_short_is_invalid()
    {
        var x3f = _library.Add("a.x3f", X3fWriter.Write((2640, 1760), Sd14)[..^30]);

        await using var scan = await HostileScan.RunAsync(_library);

        await scan.AssertInvalidAsync(x3f, "truncated: the last four bytes do not point to the X3F section directory");
    }

    [Fact]
    public async Task X3f_whose_first_properties_point_outside_their_section_keeps_the_rest()
    {
        var bytes = X3fWriter.Write((2640, 1760), Sd14);
        var prop = bytes.AsSpan().IndexOf("SECp"u8);
        bytes.AsSpan(prop + 24, 16).Fill(0xFF);
        var x3f = _library.Add("a.x3f", bytes);

        await using var scan = await HostileScan.RunAsync(_library);

        var document = await scan.AssertIndexedAsync(x3f);
        HostileScan.AssertDimensions(document, 2640, 1760);
        Assert.Equal((null, null, 100), (document.Camera?.Make, document.Camera?.Model, document.Camera?.Iso));
    }
}
