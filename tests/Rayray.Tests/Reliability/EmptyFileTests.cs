using Rayray.Core.Formats;
using Rayray.Testing.Fixtures;
using Rayray.Tests.Scanning;

namespace Rayray.Tests.Reliability;

public sealed class EmptyFileTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    [Fact]
    public async Task An_empty_file_of_every_media_extension_is_invalid_and_the_scan_goes_on()
    {
        var empty = MediaFormats.All.SelectMany(f => f.Extensions).Select(ext => _library.Add($"empty/empty.{ext}", [])).ToList();
        var intact = _library.Add("intact.jpg", TestImages.Jpeg(16, 16));

        await using var scan = await HostileScan.RunAsync(_library);

        foreach (var path in empty)
            Assert.Equal(["empty file (0 bytes)"], (await scan.AssertInvalidAsync(path, "empty file")).Errors);
        Assert.Equal(empty.Count, scan.Summary.Invalid);
        await scan.AssertIndexedAsync(intact);
    }
}
