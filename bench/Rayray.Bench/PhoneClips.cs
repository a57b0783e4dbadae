using System.Diagnostics;
using System.Globalization;

namespace Rayray.Bench;

/// <summary>
/// Short clips like the .MOV a phone records (and every Live Photo carries), made once with
/// ffmpeg, several at a time: H.264 1080p and HEVC 10-bit HLG (BT.2020) at the Live Photo size,
/// landscape and portrait, 1 to 3 seconds, AAC audio, and the Apple keys an iPhone writes (make,
/// model, software, ISO 6709 location, creation date with its offset, content identifier).
/// Noise in the picture gives them a phone's bitrate (about 9 Mbit/s) rather than a test card's.
/// </summary>
internal static class PhoneClips
{
    public const int Count = 24;

    private static readonly string[] Models = ["iPhone 15 Pro", "iPhone 13", "iPhone 12 Pro Max", "iPhone 14"];

    private static readonly string[] Places =
    [
        "+37.7749-122.4194+010.000/", "+48.8566+002.3522+035.000/", "+35.6762+139.6503+040.000/", "-33.8688+151.2093+005.000/",
    ];

    /// <summary>Makes the clips in <paramref name="folder"/> (skipping those already there) and returns their paths.</summary>
    public static IReadOnlyList<string> Make(string folder, string ffmpeg)
    {
        Directory.CreateDirectory(folder);
        var paths = Enumerable.Range(0, Count).Select(c => Path.Join(folder, string.Create(CultureInfo.InvariantCulture, $"clip-{c:D2}.mov"))).ToArray();
        Parallel.For(0, Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c =>
        {
            if (!File.Exists(paths[c]))
                Encode(c, paths[c], ffmpeg);
        });
        return paths;
    }

    private static void Encode(int clip, string path, string ffmpeg)
    {
        var hevc = clip % 2 == 1;
        var portrait = clip % 3 == 2;
        var (width, height) = hevc ? (1440, 1080) : (1920, 1080);
        if (portrait)
            (width, height) = (height, width);
        var seconds = 1 + (clip % 5 * 0.5);
        var created = new DateTimeOffset(2024, 6, 1, 18, 30, 0, TimeSpan.FromHours(-7)).AddDays(clip * 3).AddMinutes(clip * 17);
        var temporary = path + ".part";

        var arguments = new List<string>
        {
            "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
            "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"testsrc2=size={width}x{height}:rate=30,noise=alls=12:allf=t"),
            "-f", "lavfi", "-i", string.Create(CultureInfo.InvariantCulture, $"sine=frequency={220 + (clip * 40)}:sample_rate=44100"),
            "-t", seconds.ToString(CultureInfo.InvariantCulture),
        };
        arguments.AddRange(hevc
            ? ["-c:v", "libx265", "-preset", "ultrafast", "-b:v", "9M", "-pix_fmt", "yuv420p10le", "-tag:v", "hvc1",
               "-x265-params", "log-level=error:colorprim=bt2020:transfer=arib-std-b67:colormatrix=bt2020nc",
               "-color_primaries", "bt2020", "-color_trc", "arib-std-b67", "-colorspace", "bt2020nc"]
            : ["-c:v", "libx264", "-preset", "ultrafast", "-b:v", "9M", "-pix_fmt", "yuv420p"]);
        arguments.AddRange(
        [
            "-c:a", "aac", "-b:a", "96k", "-ac", "1",
            "-movflags", "use_metadata_tags",
            "-metadata", "creation_time=" + created.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            "-metadata", "com.apple.quicktime.make=Apple",
            "-metadata", "com.apple.quicktime.model=" + Models[clip % Models.Length],
            "-metadata", "com.apple.quicktime.software=17.5.1",
            "-metadata", "com.apple.quicktime.location.ISO6709=" + Places[clip % Places.Length],
            "-metadata", "com.apple.quicktime.creationdate=" + AppleDate(created),
            "-metadata", string.Create(CultureInfo.InvariantCulture, $"com.apple.quicktime.content.identifier=8C1A6A4E-7A3B-4C11-9D2E-{clip:D12}"),
            "-f", "mov", temporary,
        ]);

        Run(ffmpeg, arguments, clip);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The form an iPhone writes: local time and its offset without a colon (2024-06-01T18:30:00-0700).</summary>
    private static string AppleDate(DateTimeOffset time) =>
        time.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) + (time.Offset < TimeSpan.Zero ? "-" : "+") +
        time.Offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);

    private static void Run(string ffmpeg, List<string> arguments, int clip)
    {
        var start = new ProcessStartInfo(ffmpeg) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {ffmpeg}");
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg failed on clip {clip} (exit {process.ExitCode}): {errors}");
    }
}
