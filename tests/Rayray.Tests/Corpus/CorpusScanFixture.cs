using Rayray.Core.Documents;
using Rayray.Core.Scanning;
using Rayray.Storage.Sqlite;
using Rayray.Testing;

namespace Rayray.Tests.Corpus;

/// <summary>Scans one corpus folder of ../shared once into a fresh SQLite file for all the tests over it.</summary>
public abstract class CorpusScan(string? folder) : IAsyncLifetime
{
    private readonly TempFolder _database = new("rayray-corpus");

    public string Folder => folder ?? throw new InvalidOperationException("CI must provide ../shared");
    public SqliteMediaStore? Store { get; private set; }
    public ScanSummary? Summary { get; private set; }

    public async Task InitializeAsync()
    {
        if (folder is null)
            return;
        Store = await TestScan.OpenSqliteAsync(_database["corpus.db"]);
        Summary = await TestScan.RunAsync(Store, [folder]);
    }

    /// <summary>The document of a file, by its path relative to the folder (with '/').</summary>
    public async Task<MediaDocument> FindAsync(string relativePath)
    {
        var path = Path.Combine(Folder, relativePath.Replace('/', Path.DirectorySeparatorChar));
        var document = await Store!.FindAsync(path, default);
        Assert.True(document is not null, $"no document for {path}");
        return document;
    }

    public async Task DisposeAsync()
    {
        if (Store is not null)
            await Store.DisposeAsync();
        _database.Dispose();
    }
}

/// <summary>../shared/corpus/exif-samples, scanned once.</summary>
public sealed class CorpusScanFixture() : CorpusScan(RepoPaths.ExifSamples);

/// <summary>../shared/corpus/exiftool-samples, scanned once.</summary>
public sealed class ExiftoolSamplesScanFixture() : CorpusScan(RepoPaths.ExiftoolSamples);
