using Rayray.Core.Documents;
using Rayray.Testing;
using Rayray.Testing.Fixtures;
using Rayray.Tests.Scanning;

namespace Rayray.Tests.IsoMedia;

/// <summary>A phone's library scanned with ffprobe configured: its MP4s, MOVs and M4As are read without starting ffprobe once.</summary>
public sealed class PhoneLibraryScanTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    [RequiresToolFact("ffmpeg", "ffprobe", "sh")]
    public async Task Scanning_phone_movies_runs_no_ffprobe_while_a_matroska_file_still_goes_through_it()
    {
        foreach (var name in new[] { "apple-keys-live-photo", "hevc-10bit-pq-hvc1", "rotated-90", "fragmented", "faststart", "audio-only-m4a", "android-location" })
        {
            var (extension, make) = PhoneMovies.All[name];
            _library.Add($"DCIM/{name}.{extension}", make());
        }
        var matroska = _library.Add("DCIM/screen-recording.mkv", TestMedia.Video("mkv", 160, 120));
        var calls = _library.PathOf("../ffprobe-calls.log");
        var recording = _library.Add("../tools/ffprobe", $"#!/bin/sh\necho \"$*\" >> '{calls}'\nexec '{ExternalTool.Require("ffprobe")}' \"$@\"\n");
        File.SetUnixFileMode(recording, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var summary = await TestScan.RunAsync(store, [_library.Root],
            o => o with { Extraction = o.Extraction with { FfprobePath = recording, ProbeTimeout = TimeSpan.FromSeconds(30) } });

        Assert.Equal(8, summary.New);
        Assert.False(summary.HadProblems, string.Join("; ", summary.Problems.Select(p => p.Reason)));
        // The stand-in logs each run's arguments; FFMpegCore also runs it once with -version.
        var probed = File.ReadAllLines(calls).Where(line => line != "-version").ToList();
        Assert.Single(probed);
        Assert.Contains(matroska, probed[0], StringComparison.Ordinal);
        var live = await store.FindAsync(_library.PathOf("DCIM/apple-keys-live-photo.mov"), default);
        Assert.Equal(("hevc", "Apple"), (live?.Technical?.Codec, live?.Camera?.Make));
        Assert.Equal("6F1E0C52-3E2A-4E48-9C57-1B8C1E0F7A11", live?.ContentIdentifier);
        var screen = await store.FindAsync(matroska, default);
        Assert.Equal(DocumentStatus.Indexed, screen?.Status);
        Assert.True(screen?.MetadataRaw.ContainsKey("ffprobe"));
    }
}
