using System.Diagnostics;
using System.Globalization;
using Rayray.Core.Query;
using Rayray.Storage.Sqlite;

namespace Rayray.Bench;

/// <summary>
/// Times the benchmark's queries on a filled database: for each, the count and the first page of
/// 100 documents as <c>rayray query</c> prints them, best of 7 after a warm-up.
/// </summary>
internal static class QueryTimings
{
    public static readonly string[] Queries =
    [
        "\"golden hour\"", "sunset", "gold*", "harbor && night",
        "near:37.7749,-122.4194,5km", "near:48.8566,2.3522,20km && kind:image", "near:-16.5,-179.95,30km",
        "camera.make:Canon && iso>=1600 && taken>=2024-01-01", "width>=6000", "tag:sunset", "path:/photos/2024/**", "copies>1",
        "(mime:image/* && tag:beach) || (mime:video/* && !tag:beach)", "rating>=4 && has:gps",
    ];

    public static async Task RunAsync(SqliteMediaStore store, TextWriter output)
    {
        var documents = await store.CountAsync(default);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"queries over {documents:N0} documents (count, then the first page of 100; best of 7)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"query",-62} {"matches",9} {"count ms",9} {"page ms",8}"));
        var worst = 0.0;
        var worstQuery = "";
        foreach (var text in Queries)
        {
            var (matches, countMs, pageMs) = await TimeAsync(store, QueryParser.Parse(text));
            if (Math.Max(countMs, pageMs) > worst)
                (worst, worstQuery) = (Math.Max(countMs, pageMs), text);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{text,-62} {matches,9:N0} {countMs,9:0.0} {pageMs,8:0.0}"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"slowest: {worst:0.0} ms, {worstQuery} (target: under 100 ms each)"));
    }

    private static async Task<(long Matches, double CountMs, double PageMs)> TimeAsync(SqliteMediaStore store, QueryNode? filter)
    {
        long matches = 0;
        double countMs = double.MaxValue, pageMs = double.MaxValue;
        for (var run = 0; run < 8; run++)
        {
            var clock = Stopwatch.StartNew();
            matches = await store.CountAsync(filter, default);
            var count = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var bytes = 0L;
            await foreach (var json in store.QueryAsync(new MediaQuery { Filter = filter, Limit = 100 }, default))
                bytes += json.Length;
            var page = clock.Elapsed.TotalMilliseconds;
            if (run > 0)
            {
                countMs = Math.Min(countMs, count);
                pageMs = Math.Min(pageMs, page);
            }
        }
        return (matches, countMs, pageMs);
    }
}
