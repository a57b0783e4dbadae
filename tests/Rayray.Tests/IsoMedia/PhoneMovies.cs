using Rayray.Testing.Fixtures;

namespace Rayray.Tests.IsoMedia;

/// <summary>
/// MP4/QuickTime movies made by ffmpeg the way phones and cameras make them: H.264 and 10-bit HEVC with HDR
/// transfer, rotated, with 5.1 audio or none, audio alone, Apple's and Android's location and camera keys,
/// faststart, the movie box at the end, fragments.
/// </summary>
internal static class PhoneMovies
{
    private static readonly string[] Hevc10 = ["-c:v", "libx265", "-x265-params", "log-level=error", "-pix_fmt", "yuv420p10le"];

    private static readonly string[] AppleKeys =
    [
        "-movflags", "use_metadata_tags",
        "-metadata", "com.apple.quicktime.location.ISO6709=+37.7749-122.4194+012.500/",
        "-metadata", "com.apple.quicktime.make=Apple",
        "-metadata", "com.apple.quicktime.model=iPhone 15 Pro",
        "-metadata", "com.apple.quicktime.software=17.1",
        "-metadata", "com.apple.quicktime.creationdate=2024-01-15T10:30:00-0800",
        "-metadata", "com.apple.quicktime.content.identifier=6F1E0C52-3E2A-4E48-9C57-1B8C1E0F7A11",
        "-metadata", "creation_time=2024-01-15T18:30:00Z",
    ];

    /// <summary>Each movie by name, with its file extension.</summary>
    public static readonly IReadOnlyDictionary<string, (string Extension, Func<byte[]> Make)> All = new Dictionary<string, (string, Func<byte[]>)>
    {
        ["h264-high-stereo-moov-at-end"] = ("mp4", () => TestMedia.Video("mp4", 320, 240, "stereo", "-metadata", "creation_time=2024-01-15T10:30:00Z")),
        ["h264-constrained-baseline-mono"] = ("mp4", () => TestMedia.Video("mp4", 176, 144, "mono", "-profile:v", "baseline")),
        ["h264-high10-bt709"] = ("mov", () => TestMedia.Video("mov", 320, 240, "none", "-pix_fmt", "yuv420p10le", "-profile:v", "high10",
            "-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709")),
        ["h264-full-range"] = ("mp4", () => TestMedia.Video("mp4", 160, 120, "none", "-pix_fmt", "yuvj420p")),
        ["h264-transfer-only"] = ("mp4", () => TestMedia.Video("mp4", 160, 120, "none", "-color_trc", "bt709")),
        ["h264-ntsc-rate"] = ("mp4", () => TestMedia.Video("mp4", 160, 120, "stereo", "-r", "30000/1001")),
        ["hevc-10bit-pq-hvc1"] = ("mp4", () => TestMedia.Video("mp4", 320, 240, "none",
            [.. Hevc10, "-tag:v", "hvc1", "-color_primaries", "bt2020", "-color_trc", "smpte2084", "-colorspace", "bt2020nc"])),
        ["hevc-10bit-hlg-with-audio"] = ("mov", () => TestMedia.Video("mov", 320, 240, "stereo",
            [.. Hevc10, "-tag:v", "hvc1", "-color_primaries", "bt2020", "-color_trc", "arib-std-b67", "-colorspace", "bt2020nc"])),
        ["hevc-8bit-hev1"] = ("mp4", () => TestMedia.Video("mp4", 320, 240, "mono", "-c:v", "libx265", "-x265-params", "log-level=error")),
        ["rotated-90"] = ("mp4", () => TestMedia.Remux(TestMedia.Video("mp4", 320, 240, "stereo"), "mp4", "-metadata:s:v:0", "rotate=90")),
        ["rotated-180"] = ("mov", () => TestMedia.Remux(TestMedia.Video("mov", 320, 240, "stereo"), "mov", "-metadata:s:v:0", "rotate=180")),
        ["rotated-270-hevc"] = ("mov", () => TestMedia.Remux(TestMedia.Video("mov", 320, 240, "none", [.. Hevc10, "-tag:v", "hvc1"]), "mov", "-metadata:s:v:0", "rotate=270")),
        ["surround-5.1"] = ("mp4", () => TestMedia.Video("mp4", 160, 120, "5.1")),
        ["no-audio"] = ("mp4", () => TestMedia.Video("mp4", 160, 120, "none")),
        ["audio-only-m4a"] = ("m4a", () => TestMedia.Audio("m4a", new Dictionary<string, string>
        {
            ["title"] = "So What", ["artist"] = "Miles Davis", ["album"] = "Kind of Blue", ["genre"] = "Jazz", ["comment"] = "remaster", ["copyright"] = "1959 Columbia",
        })),
        ["apple-keys-live-photo"] = ("mov", () => TestMedia.Video("mov", 320, 240, "mono", [.. Hevc10, "-tag:v", "hvc1", .. AppleKeys])),
        ["android-location"] = ("mp4", () => TestMedia.Video("mp4", 320, 240, "stereo",
            "-metadata", "location=+51.5074-000.1278/", "-metadata", "creation_time=2023-06-01T08:00:00Z", "-metadata", "title=Walk")),
        ["itunes-text-tags"] = ("mp4", () => TestMedia.Video("mp4", 160, 120, "mono", "-metadata", "title=Birthday", "-metadata", "artist=Ann",
            "-metadata", "comment=first cake", "-metadata", "copyright=Ann 2024", "-metadata", "album=Family", "-metadata", "genre=Home; Party",
            "-metadata", "description=candles", "-metadata", "keywords=cake,party")),
        ["faststart"] = ("mp4", () => TestMedia.Video("mp4", 320, 240, "stereo", "-movflags", "+faststart")),
        ["fragmented"] = ("mp4", () => TestMedia.Video("mp4", 320, 240, "stereo", "-movflags", "frag_keyframe+empty_moov")),
        ["3gp-h264"] = ("3gp", () => TestMedia.Video("3gp", 176, 144, "mono", "-c:v", "libx264", "-pix_fmt", "yuv420p")),
        ["m4v"] = ("m4v", () => TestMedia.Video("m4v", 160, 120, "stereo")),
    };

    public static TheoryData<string> Names => [.. All.Keys];
}
