using Rayray.Core.Documents;
using Rayray.Core.Extraction.Probing;
using Rayray.Core.Scanning;
using Rayray.Tests.Scanning;

namespace Rayray.Tests.Extraction.Formats;

/// <summary>Scans files through the real pipeline into a real SQLite file and hands back their documents.</summary>
internal sealed class FormatScan : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    /// <summary>Scans the files given (name → content) in one scan; with <paramref name="probe"/> ffprobe reads audio and video.</summary>
    public async Task<IReadOnlyDictionary<string, MediaDocument?>> ScanAsync(IReadOnlyDictionary<string, byte[]> files, bool probe = false)
    {
        var paths = files.ToDictionary(f => f.Key, f => _library.Add(f.Key, f.Value));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        await TestScan.RunAsync(store, [_library.Root], o => probe ? WithFfprobe(o) : o);
        var documents = new Dictionary<string, MediaDocument?>();
        foreach (var (name, path) in paths)
            documents[name] = await store.FindAsync(path, default);
        return documents;
    }

    public async Task<MediaDocument> ScanOneAsync(string name, byte[] content, bool probe = false)
    {
        var documents = await ScanAsync(new Dictionary<string, byte[]> { [name] = content }, probe);
        return documents[name] ?? throw new Xunit.Sdk.XunitException($"{name} was not indexed");
    }

    private static ScanOptions WithFfprobe(ScanOptions options) => options with
    {
        Extraction = options.Extraction with
        {
            FfprobePath = FfprobeLocator.Find(null) ?? throw new InvalidOperationException("ffprobe is not installed"),
            ProbeTimeout = TimeSpan.FromSeconds(30),
        },
    };
}
