using Rayray.Core.Scanning;
using Rayray.Core.Storage;
using Rayray.Core.Walking;
using Rayray.Storage.Sqlite;

namespace Rayray.Tests;

/// <summary>Runs the real scan pipeline in-process over real files into a real store.</summary>
internal static class TestScan
{
    public static async Task<ScanSummary> RunAsync(IMediaStore store, string[] roots, Func<ScanOptions, ScanOptions>? configure = null, CancellationToken stop = default)
    {
        var options = new ScanOptions { Walk = new WalkOptions { Roots = roots }, Workers = 2 };
        if (configure is not null)
            options = configure(options);
        return await new ScanPipeline(store, options, Serilog.Core.Logger.None).RunAsync(stop);
    }

    public static async Task<SqliteMediaStore> OpenSqliteAsync(string path)
    {
        var store = new SqliteMediaStore(path);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }
}
