using System.Collections.Concurrent;

namespace Rayray.Testing.Fixtures;

/// <summary>
/// Video and audio made by ffmpeg with known metadata. Each distinct recipe is made once per test
/// run and cached, so many tests can use the same files cheaply.
/// </summary>
public static class TestMedia
{
    private static readonly ConcurrentDictionary<string, Lazy<byte[]>> Made = new();
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), $"rayray-media-{Environment.ProcessId}");

    /// <summary>A one-second test picture (and optionally a tone) with the given ffmpeg output options.</summary>
    /// <param name="extension">The container, by file extension (mp4, mov, mkv, webm, avi, mts, m2ts, 3gp, wmv).</param>
    public static byte[] Video(string extension, int width = 320, int height = 240, string audio = "mono", params string[] outputOptions)
    {
        var inputs = new List<string> { "-f", "lavfi", "-i", $"testsrc=size={width}x{height}:rate=25:duration=1" };
        if (audio != "none")
            inputs.AddRange(["-f", "lavfi", "-i", "sine=frequency=440:duration=1"]);
        var channels = audio switch { "5.1" => ["-ac", "6", "-channel_layout", "5.1"], "stereo" => ["-ac", "2"], "none" => Array.Empty<string>(), _ => ["-ac", "1"] };
        var codecs = extension switch
        {
            "webm" => new[] { "-c:v", "libvpx-vp9", "-c:a", "libopus" },
            "avi" => ["-c:v", "mpeg4", "-c:a", "mp3"],
            "wmv" => ["-c:v", "wmv2", "-c:a", "wmav2"],
            "3gp" => ["-c:v", "mpeg4", "-c:a", "aac", "-ar", "8000"],
            "mts" => ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "mpegts"],
            "m2ts" => ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-f", "mpegts", "-mpegts_m2ts_mode", "1"],
            _ => ["-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac"],
        };
        if (audio == "none")
            codecs = [.. codecs.Where((c, i) => c != "-c:a" && (i == 0 || codecs[i - 1] != "-c:a"))];
        return Make(extension, [.. inputs, .. codecs, .. channels, .. outputOptions]);
    }

    /// <summary>A one-second tone in an audio container (mp3, m4a, aac, flac, wav, ogg, opus, wv, spx) with the given tags and output options.</summary>
    public static byte[] Audio(string extension, IReadOnlyDictionary<string, string>? tags = null, params string[] outputOptions)
    {
        var codec = extension switch
        {
            "mp3" => "libmp3lame",
            "flac" => "flac",
            "wav" => "pcm_s16le",
            "ogg" => "libvorbis",
            "opus" => "libopus",
            "wv" => "wavpack",
            "spx" => "libspeex",
            _ => "aac",
        };
        var options = new List<string> { "-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-ac", "2", "-c:a", codec };
        foreach (var (key, value) in tags ?? new Dictionary<string, string>())
            options.AddRange(["-metadata", $"{key}={value}"]);
        return Make(extension, [.. options, .. outputOptions]);
    }

    /// <summary>One frame of the test picture as a still image, its format chosen by the extension (and the options).</summary>
    public static byte[] Picture(string extension, int width, int height, params string[] outputOptions) =>
        Make(extension, ["-f", "lavfi", "-i", $"testsrc=size={width}x{height}:rate=1", "-frames:v", "1", .. outputOptions]);

    /// <summary>Re-muxes <paramref name="source"/> without re-encoding, with extra output options (e.g. a display rotation).</summary>
    public static byte[] Remux(byte[] source, string extension, params string[] outputOptions)
    {
        Directory.CreateDirectory(Folder);
        var input = Path.Combine(Folder, $"remux-source-{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(source))[..16]}.{extension}");
        if (!File.Exists(input))
            File.WriteAllBytes(input, source);
        return Make(extension, ["-i", input, "-c", "copy", "-map_metadata", "0", .. outputOptions]);
    }

    private static byte[] Make(string extension, IReadOnlyList<string> options)
    {
        var key = extension + "|" + string.Join('\u0001', options);
        return Made.GetOrAdd(key, _ => new Lazy<byte[]>(() =>
        {
            Directory.CreateDirectory(Folder);
            var output = Path.Combine(Folder, $"{Guid.NewGuid():N}.{extension}");
            ExternalTool.Run("ffmpeg", ["-v", "error", "-y", .. options, output]);
            var bytes = File.ReadAllBytes(output);
            File.Delete(output);
            return bytes;
        })).Value;
    }
}
