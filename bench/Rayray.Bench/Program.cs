using System.Diagnostics;
using System.Globalization;
using Rayray.Bench;
using Rayray.Storage.Sqlite;

// bench/run.sh calls:
//   fill DB N                                  N synthetic documents into DB
//   queries DB                                 the query timings
//   nas-library DIR N JPEG_FOLDER              N small camera JPEGs, NAS-like (NasLibrary)
//   sql DB SQL                                 one statement's plan, first rows and time (SqlProbe)
//   phone-library DIR N VIDEO_PERCENT CLIPS CORPUS FFMPEG
//                                              N phone files, VIDEO_PERCENT of them movies (PhoneLibrary)
const string Usage = "usage: Rayray.Bench fill DB N | queries DB | sql DB SQL | nas-library DIR N JPEG_FOLDER | phone-library DIR N VIDEO_PERCENT CLIPS_FOLDER CORPUS FFMPEG";
static int Number(string text) => int.Parse(text, CultureInfo.InvariantCulture);

switch (args)
{
    case ["fill", var db, var count]:
    {
        await using var store = new SqliteMediaStore(db);
        await store.InitializeAsync(default);
        var clock = Stopwatch.StartNew();
        foreach (var batch in SyntheticLibrary.Generate(Number(count)).Chunk(1000))
            await store.WriteBatchAsync(batch, false, default);
        var written = await store.CountAsync(default);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{written:N0} documents written in {clock.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }
    case ["queries", var db]:
    {
        await using var store = new SqliteMediaStore(db);
        await store.InitializeAsync(default);
        await QueryTimings.RunAsync(store, Console.Out);
        return 0;
    }
    case ["sql", var db, var sql]:
        SqlProbe.Run(db, sql, Console.Out);
        return 0;
    case ["nas-library", var folder, var count, var jpegs]:
        NasLibrary.Make(folder, Number(count), jpegs);
        return 0;
    case ["phone-library", var folder, var count, var videoPercent, var clipsFolder, var corpus, var ffmpeg]:
        PhoneLibrary.Make(folder, Number(count), Number(videoPercent), PhoneClips.Make(clipsFolder, ffmpeg), corpus);
        return 0;
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}
