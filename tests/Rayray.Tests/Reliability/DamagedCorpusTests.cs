using Rayray.Core.Formats;
using Rayray.Testing;
using Rayray.Testing.Fixtures;
using Rayray.Tests.Scanning;

namespace Rayray.Tests.Reliability;

/// <summary>The real-camera corpus (../shared/corpus/exif-samples), every file damaged a few ways, in one scan.</summary>
public sealed class DamagedCorpusTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    [SharedCorpusFact]
    public async Task Every_corpus_file_cut_short_is_invalid_and_no_damage_stops_the_scan()
    {
        var samples = RepoPaths.ExifSamples ?? throw new InvalidOperationException("CI must provide ../shared");
        var copies = new DamagedCopies(_library);
        var seed = 0;
        foreach (var path in Directory.EnumerateFiles(samples, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var extension = MediaFormats.ExtensionOf(path);
            if (MediaFormats.ByExtension(extension) is null)
                continue;
            var relative = Path.GetRelativePath(samples, path);
            var mutations = HostileMutations.Of(File.ReadAllBytes(path), boundaryCuts: 1, spreadCuts: 1, flips: 1, zeroFills: 1, repeats: 1, seed: seed++);
            copies.Add(Path.GetDirectoryName(relative)!, Path.GetFileNameWithoutExtension(relative), extension, mutations);
        }
        Assert.True(copies.Count > 300, $"only {copies.Count} damaged copies were made from {samples}");

        await copies.ScanAndCheckAsync();
    }
}
