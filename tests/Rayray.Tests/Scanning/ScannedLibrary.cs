using Rayray.Core.Query;
using Rayray.Storage.Sqlite;

namespace Rayray.Tests.Scanning;

/// <summary>A library of files the test class writes, scanned once into a real SQLite store for all its tests.</summary>
public abstract class ScannedLibrary : IAsyncLifetime
{
    private protected FixtureLibrary Library { get; } = new();
    private protected SqliteMediaStore Store { get; private set; } = null!;

    /// <summary>Writes the library's files; the scan runs after it.</summary>
    private protected abstract void WriteFiles();

    public async Task InitializeAsync()
    {
        WriteFiles();
        Store = await TestScan.OpenSqliteAsync(Library.DatabasePath);
        await TestScan.RunAsync(Store, [Library.Root]);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        Library.Dispose();
    }

    /// <summary>The file names of the documents a query matches, in order.</summary>
    private protected async Task<List<string>> Matching(string query)
    {
        var names = new List<string>();
        await foreach (var json in Store.QueryAsync(new MediaQuery { Filter = QueryParser.Parse(query) }, default))
            names.Add(Path.GetFileName(System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("file").GetProperty("path").GetString()!));
        return [.. names.Order(StringComparer.Ordinal)];
    }
}
