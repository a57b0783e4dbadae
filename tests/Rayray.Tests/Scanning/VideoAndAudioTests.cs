using Rayray.Core.Documents;
using Rayray.Core.Extraction.Probing;
using Rayray.Core.Scanning;
using Rayray.Testing;
using Rayray.Testing.Fixtures;
using Serilog.Core;
using Serilog.Events;

namespace Rayray.Tests.Scanning;

/// <summary>Video and audio made by ffmpeg with known metadata, read through ffprobe (and without it).</summary>
public sealed class VideoAndAudioTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    private static string Ffprobe => FfprobeLocator.Find(null) ?? throw new InvalidOperationException("ffprobe is not installed");

    private static ScanOptions WithFfprobe(ScanOptions options, string? ffprobe = null, TimeSpan? timeout = null) => options with
    {
        Extraction = options.Extraction with { FfprobePath = ffprobe ?? Ffprobe, ProbeTimeout = timeout ?? TimeSpan.FromSeconds(30) },
    };

    private async Task<(MediaDocument Document, ScanSummary Summary)> ScanOne(string name, byte[] content, bool probe = true)
    {
        var path = _library.Add(name, content);
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        var summary = await TestScan.RunAsync(store, [_library.Root], o => probe ? WithFfprobe(o) : o);
        var document = await store.FindAsync(path, default);
        Assert.NotNull(document);
        return (document, summary);
    }

    [RequiresToolFact("ffmpeg", "ffprobe")]
    public async Task A_phone_video_keeps_its_creation_time_location_and_rotation()
    {
        var recorded = TestMedia.Video("mp4", 320, 240, "stereo",
            "-metadata", "creation_time=2024-01-15T10:30:00Z", "-metadata", "location=+37.7749-122.4194/");
        var portrait = TestMedia.Remux(recorded, "mp4", "-metadata:s:v:0", "rotate=270"); // ffmpeg 5 writes this as 90° clockwise

        var (document, _) = await ScanOne("VID_0001.mp4", portrait);

        Assert.Equal(MediaKind.Video, document.Kind);
        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Equal(90, document.Dimensions?.Rotation);
        Assert.Equal((240, 320), (document.Dimensions?.Width, document.Dimensions?.Height));
        Assert.Equal(1.0, document.Dimensions!.Duration!.Value, 1);
        Assert.Equal("2024-01-15T10:30:00Z", document.Timestamps.Taken?.ToString());
        Assert.Equal(37.7749, document.Location!.Latitude, 6);
        Assert.Equal(-122.4194, document.Location.Longitude, 6);
        Assert.Null(document.Altitude);
        Assert.Equal("h264", document.Technical?.Codec);
        Assert.Equal("aac", document.Technical?.AudioCodec);
        Assert.Equal(2, document.Technical?.Channels);
        Assert.Equal(44100, document.Technical?.SampleRate);
        Assert.Equal(25, document.Technical?.Fps);
        Assert.StartsWith("mov,mp4", document.Technical?.Container, StringComparison.Ordinal);
        // Read by rayray's own movie reader, not ffprobe.
        Assert.True(document.MetadataRaw.ContainsKey("isoMedia"));
        Assert.False(document.MetadataRaw.ContainsKey("ffprobe"));
    }

    [RequiresToolFact("ffmpeg", "ffprobe")]
    public async Task An_iphone_style_hdr_movie_keeps_apple_keys_altitude_and_its_local_offset()
    {
        var movie = TestMedia.Video("mov", 320, 240, "none",
            "-c:v", "libx264", "-pix_fmt", "yuv420p10le", "-profile:v", "high10",
            "-color_primaries", "bt2020", "-color_trc", "smpte2084", "-colorspace", "bt2020nc",
            "-movflags", "use_metadata_tags",
            "-metadata", "com.apple.quicktime.location.ISO6709=+37.7749-122.4194+012.500/",
            "-metadata", "com.apple.quicktime.make=Apple",
            "-metadata", "com.apple.quicktime.model=iPhone 15 Pro",
            "-metadata", "com.apple.quicktime.software=17.1",
            "-metadata", "com.apple.quicktime.creationdate=2024-01-15T10:30:00-0800",
            "-metadata", "creation_time=2024-01-15T18:30:00Z");

        var (document, _) = await ScanOne("IMG_0002.MOV", movie);

        Assert.Equal("video/quicktime", document.File.MimeType);
        Assert.Equal("2024-01-15T10:30:00-08:00", document.Timestamps.Taken?.ToString());
        Assert.Equal(12.5, document.Altitude);
        Assert.Equal(37.7749, document.Location!.Latitude, 6);
        Assert.Equal(("Apple", "iPhone 15 Pro", "17.1"), (document.Camera?.Make, document.Camera?.Model, document.Camera?.Software));
        var technical = document.Technical!;
        Assert.True(technical.Hdr);
        Assert.Equal(10, technical.BitDepth);
        Assert.Equal(("bt2020nc", "bt2020", "smpte2084"), (technical.ColorSpace, technical.ColorPrimaries, technical.ColorTransfer));
        Assert.Equal("High 10", technical.Profile);
        Assert.Equal("yuv420p10le", technical.PixelFormat);
        Assert.Null(technical.AudioCodec);
        Assert.Null(technical.Channels);
    }

    [RequiresToolFact("ffmpeg", "ffprobe")]
    public async Task Surround_sound_has_six_channels_and_sdr_video_is_not_hdr()
    {
        var (document, _) = await ScanOne("surround.mkv", TestMedia.Video("mkv", 160, 120, "5.1", "-color_trc", "bt709"));

        Assert.Equal(6, document.Technical?.Channels);
        Assert.False(document.Technical?.Hdr);
        Assert.Equal("video/x-matroska", document.File.MimeType);
    }

    [RequiresToolFact("ffmpeg", "ffprobe")]
    public async Task A_video_without_metadata_has_only_what_the_stream_says()
    {
        var (document, _) = await ScanOne("plain.mp4", TestMedia.Video("mp4", 160, 120, "none"));

        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Null(document.Timestamps.Taken);
        Assert.Null(document.Location);
        Assert.Null(document.Camera);
        Assert.Null(document.Dimensions?.Rotation);
        Assert.Equal((160, 120), (document.Dimensions?.Width, document.Dimensions?.Height));
    }

    [RequiresToolTheory("ffmpeg", "ffprobe")]
    [InlineData("mkv", "video/x-matroska", "h264")]
    [InlineData("webm", "video/webm", "vp9")]
    [InlineData("avi", "video/x-msvideo", "mpeg4")]
    [InlineData("mts", "video/mp2t", "h264")]
    [InlineData("m2ts", "video/mp2t", "h264")]
    [InlineData("3gp", "video/3gpp", "mpeg4")]
    [InlineData("wmv", "video/x-ms-wmv", "wmv2")]
    public async Task Every_video_container_is_read(string extension, string mime, string codec)
    {
        var (document, _) = await ScanOne($"clip.{extension}", TestMedia.Video(extension, 160, 120));

        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Equal(MediaKind.Video, document.Kind);
        Assert.Equal(mime, document.File.MimeType);
        Assert.Equal(codec, document.Technical?.Codec);
        Assert.Equal((160, 120), (document.Dimensions?.Width, document.Dimensions?.Height));
        Assert.InRange(document.Dimensions!.Duration!.Value, 0.9, 1.2);
    }

    [RequiresToolTheory("ffmpeg", "ffprobe")]
    [InlineData("mp3", "mp3")]
    [InlineData("m4a", "aac")]
    [InlineData("flac", "flac")]
    [InlineData("wav", "pcm_s16le")]
    [InlineData("ogg", "vorbis")]
    [InlineData("opus", "opus")]
    public async Task Audio_tags_become_description_author_and_tags(string extension, string codec)
    {
        var tags = new Dictionary<string, string> { ["title"] = "So What", ["artist"] = "Miles Davis", ["album"] = "Kind of Blue", ["genre"] = "Jazz", ["comment"] = "remaster" };

        var (document, _) = await ScanOne($"track.{extension}", TestMedia.Audio(extension, tags));

        Assert.Equal(MediaKind.Audio, document.Kind);
        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Equal(codec, document.Technical?.AudioCodec);
        Assert.Equal(2, document.Technical?.Channels);
        Assert.Equal("So What", document.Description);
        Assert.Equal("Miles Davis", document.Author?.Name);
        Assert.Equal(["Kind of Blue", "Jazz"], document.Tags);
        Assert.InRange(document.Dimensions!.Duration!.Value, 0.9, 1.2);
    }

    [RequiresToolFact("ffmpeg", "ffprobe")]
    public async Task Aac_in_adts_without_tags_is_still_audio()
    {
        var (document, _) = await ScanOne("raw.aac", TestMedia.Audio("aac"));

        Assert.Equal("audio/aac", document.File.MimeType);
        Assert.Equal("aac", document.Technical?.AudioCodec);
    }

    [RequiresToolFact("ffmpeg", "ffprobe")]
    public async Task Broken_and_fake_videos_are_invalid_with_a_reason_and_the_scan_goes_on()
    {
        var good = TestMedia.Video("mp4", 160, 120);
        _library.Add("good.mp4", good);
        _library.Add("truncated.mp4", good[..(good.Length / 2)]);
        var scrambled = (byte[])good.Clone();
        var moov = good.AsSpan().IndexOf("moov"u8);
        Array.Fill(scrambled, (byte)0x5A, moov - 4, 64);
        _library.Add("scrambled.mp4", scrambled);
        _library.Add("notes.mp4", "this is a text file, not a movie");
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var summary = await TestScan.RunAsync(store, [_library.Root], o => WithFfprobe(o));

        Assert.Equal(4, summary.New);
        Assert.Equal(3, summary.Invalid);
        Assert.Equal(DocumentStatus.Indexed, (await store.FindAsync(_library.PathOf("good.mp4"), default))!.Status);
        Assert.StartsWith("truncated", (await store.FindAsync(_library.PathOf("truncated.mp4"), default))!.Errors[0], StringComparison.Ordinal);
        var scrambledErrors = (await store.FindAsync(_library.PathOf("scrambled.mp4"), default))!.Errors;
        Assert.Matches("damaged|ffprobe", scrambledErrors[0]);
        Assert.Contains("not a valid MP4", (await store.FindAsync(_library.PathOf("notes.mp4"), default))!.Errors[0], StringComparison.Ordinal);
    }

    [UnixFact]
    public async Task A_file_ffprobe_hangs_on_is_given_up_after_the_timeout_and_the_scan_goes_on()
    {
        // A stand-in ffprobe that hangs, like the real one on some damaged files (it answers the -version FFMpegCore checks it with).
        var hanging = _library.Add("../tools/ffprobe", "#!/bin/sh\n[ \"$1\" = -version ] && exec echo 'ffprobe version stand-in'\nexec sleep 600\n");
        File.SetUnixFileMode(hanging, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        _library.Add("stuck.mp4", Mp4Header());
        _library.Add("photo.jpg", TestImages.Jpeg(16, 16));
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var summary = await TestScan.RunAsync(store, [_library.Root], o => WithFfprobe(o, hanging, TimeSpan.FromSeconds(1)));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.Equal(2, summary.New);
        var stuck = await store.FindAsync(_library.PathOf("stuck.mp4"), default);
        Assert.Equal(DocumentStatus.Invalid, stuck!.Status);
        Assert.Contains("did not finish within 1 s", stuck.Errors[0], StringComparison.Ordinal);
        Assert.Equal(DocumentStatus.Indexed, (await store.FindAsync(_library.PathOf("photo.jpg"), default))!.Status);
    }

    [RequiresToolFact("ffmpeg")]
    public async Task Without_ffprobe_movies_are_read_in_process_others_from_their_headers_and_the_scan_says_so_once()
    {
        _library.Add("a.mp4", TestMedia.Video("mp4", 320, 240, "mono", "-metadata", "creation_time=2024-01-15T10:30:00Z"));
        _library.Add("b.mov", TestMedia.Video("mov", 160, 120, "none", "-metadata", "creation_time=2023-06-01T08:00:00Z"));
        _library.Add("c.avi", TestMedia.Video("avi", 176, 144));
        _library.Add("d.mp3", TestMedia.Audio("mp3"));
        var warnings = new List<LogEvent>();
        using var log = new Serilog.LoggerConfiguration().WriteTo.Sink(new CollectingSink(warnings)).CreateLogger();
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);

        var summary = await new ScanPipeline(store, new ScanOptions { Walk = new() { Roots = [_library.Root] } }, log).RunAsync(default);

        Assert.Equal(4, summary.New);
        Assert.Equal(0, summary.Invalid);
        Assert.Equal(2, summary.Unprobed); // the AVI and the MP3: the MP4 and the MOV need no ffprobe
        var warning = Assert.Single(warnings, w => w.Level == LogEventLevel.Warning);
        Assert.Contains("ffprobe", warning.RenderMessage(), StringComparison.Ordinal);
        Assert.Contains("apt install ffmpeg", warning.RenderMessage(), StringComparison.Ordinal);

        var mp4 = await store.FindAsync(_library.PathOf("a.mp4"), default);
        Assert.Equal((320, 240), (mp4!.Dimensions?.Width, mp4.Dimensions?.Height));
        Assert.Equal(("h264", "aac"), (mp4.Technical?.Codec, mp4.Technical?.AudioCodec));
        Assert.Equal(1.0, mp4.Dimensions!.Duration!.Value, 1);
        Assert.Equal("2024-01-15T10:30:00Z", mp4.Timestamps.Taken?.ToString());
        var mov = await store.FindAsync(_library.PathOf("b.mov"), default);
        Assert.Equal((160, 120), (mov!.Dimensions?.Width, mov.Dimensions?.Height));
        Assert.Equal("2023-06-01T08:00:00Z", mov.Timestamps.Taken?.ToString());
        var avi = await store.FindAsync(_library.PathOf("c.avi"), default);
        Assert.Equal((176, 144), (avi!.Dimensions?.Width, avi.Dimensions?.Height));
        Assert.Equal(DocumentStatus.Indexed, (await store.FindAsync(_library.PathOf("d.mp3"), default))!.Status);
    }

    /// <summary>A minimal but well-formed MP4 (ftyp + empty moov) for a stand-in ffprobe to hang on.</summary>
    private static byte[] Mp4Header() =>
    [
        0, 0, 0, 16, .. "ftypisom"u8.ToArray(), 0, 0, 2, 0,
        0, 0, 0, 8, .. "moov"u8.ToArray(),
    ];

    private sealed class CollectingSink(List<LogEvent> events) : ILogEventSink
    {
        public void Emit(LogEvent logEvent)
        {
            lock (events)
                events.Add(logEvent);
        }
    }
}
