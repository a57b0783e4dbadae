using Rayray.Core.Scanning;
using Rayray.Storage.Sqlite;
using Rayray.Testing;

namespace Rayray.Tests.Corpus;

/// <summary>Scans ../shared/corpus/exif-samples once into a fresh SQLite file for all corpus tests.</summary>
public sealed class CorpusScanFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new("rayray-corpus");

    public SqliteMediaStore? Store { get; private set; }
    public ScanSummary? Summary { get; private set; }

    public async Task InitializeAsync()
    {
        if (RepoPaths.ExifSamples is not { } samples)
            return;
        Store = await TestScan.OpenSqliteAsync(_folder["corpus.db"]);
        Summary = await TestScan.RunAsync(Store, [samples]);
    }

    public async Task DisposeAsync()
    {
        if (Store is not null)
            await Store.DisposeAsync();
        _folder.Dispose();
    }
}
