using System.Diagnostics;
using System.Globalization;
using Rayray.Bench;
using Rayray.Core.Query;
using Rayray.Storage.Sqlite;

// bench/run.sh calls: fill DB N  |  queries DB
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Rayray.Bench fill DB N | queries DB");
    return 2;
}

await using var store = new SqliteMediaStore(args[1]);
await store.InitializeAsync(default);

if (args[0] == "fill")
{
    var count = int.Parse(args[2], CultureInfo.InvariantCulture);
    var clock = Stopwatch.StartNew();
    foreach (var batch in SyntheticLibrary.Generate(count).Chunk(1000))
        await store.WriteBatchAsync(batch, false, default);
    var written = await store.CountAsync(default);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{written:N0} documents written in {clock.Elapsed.TotalSeconds:0.0} s"));
    return 0;
}

// Each query: the count, and the first page of 100 documents as rayray query prints them; best of 7 after a warm-up.
string[] queries =
[
    "\"golden hour\"", "sunset", "gold*", "harbor && night",
    "near:37.7749,-122.4194,5km", "near:48.8566,2.3522,20km && kind:image", "near:-16.5,-179.95,30km",
    "camera.make:Canon && iso>=1600 && taken>=2024-01-01", "width>=6000", "tag:sunset", "path:/photos/2024/**", "copies>1",
    "(mime:image/* && tag:beach) || (mime:video/* && !tag:beach)", "rating>=4 && has:gps",
];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"query",-62} {"matches",8} {"count ms",9} {"page ms",8}"));
var worst = 0.0;
foreach (var text in queries)
{
    var filter = QueryParser.Parse(text);
    long matches = 0;
    double countMs = double.MaxValue, pageMs = double.MaxValue;
    for (var run = 0; run < 8; run++)
    {
        var clock = Stopwatch.StartNew();
        matches = await store.CountAsync(filter, default);
        var c = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var bytes = 0L;
        await foreach (var json in store.QueryAsync(new MediaQuery { Filter = filter, Limit = 100 }, default))
            bytes += json.Length;
        var p = clock.Elapsed.TotalMilliseconds;
        if (run > 0)
        {
            countMs = Math.Min(countMs, c);
            pageMs = Math.Min(pageMs, p);
        }
    }
    worst = Math.Max(worst, Math.Max(countMs, pageMs));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{text,-62} {matches,8:N0} {countMs,9:0.0} {pageMs,8:0.0}"));
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"slowest: {worst:0.0} ms (target: under 100 ms each)"));
return 0;
