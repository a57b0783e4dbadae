using System.Globalization;
using System.Text.RegularExpressions;
using Rayray.Core.Documents;

namespace Rayray.Core.Normalization;

/// <summary>
/// What a video or audio file says, in the schema's terms, whoever read it: ffprobe (<see cref="FfprobeFacts"/>) or
/// rayray's own MP4/QuickTime reader (<c>Extraction/IsoMedia</c>). Both give each field the same meaning — ffprobe's:
/// codec and profile names as ffprobe prints them, the size after rotation, the average frame rate, the video
/// stream's bitrate else the container's, the creation time (UTC) and Apple's creationdate (with its offset).
/// </summary>
public sealed partial record AudioVideoFacts
{
    [GeneratedRegex(@"p(\d{2})(?:le|be)?$")]
    private static partial Regex PixelFormatDepth();

    public Dimensions? Dimensions { get; init; }
    public TechnicalInfo? Technical { get; init; }
    public CaptureTime? LocalCreation { get; init; }
    public CaptureTime? UtcCreation { get; init; }
    public (double Latitude, double Longitude, double? Altitude)? Position { get; init; }
    public string? Make { get; init; }
    public string? Model { get; init; }
    public string? Software { get; init; }
    public string? Title { get; init; }
    public string? Comment { get; init; }
    public string? Artist { get; init; }
    public string? Copyright { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? ContentIdentifier { get; init; }

    /// <summary>
    /// The facts from the streams' values and the container's and streams' tags (ffmpeg's key names, looked up in
    /// the format's tags first, then the video stream's, then the audio stream's).
    /// </summary>
    internal static AudioVideoFacts Create(Dimensions? dimensions, TechnicalInfo technical, MediaTags tags) => new()
    {
        Dimensions = dimensions,
        Technical = technical,
        LocalCreation = Trimmed(ExifDateParser.ParseIso(tags["com.apple.quicktime.creationdate"])),
        UtcCreation = UtcTime(tags["creation_time"]),
        Position = Iso6709.Parse(tags["com.apple.quicktime.location.ISO6709"] ?? tags["location"] ?? tags["location-eng"]),
        Make = tags["com.apple.quicktime.make"] ?? tags["com.android.manufacturer"] ?? tags["make"],
        Model = tags["com.apple.quicktime.model"] ?? tags["com.android.model"] ?? tags["model"],
        Software = tags["com.apple.quicktime.software"] ?? tags["com.android.version"] ?? tags["software"],
        Title = tags["title"],
        Comment = tags["comment"] ?? tags["description"],
        Artist = tags["artist"] ?? tags["album_artist"] ?? tags["author"],
        Copyright = tags["copyright"],
        Tags = [.. SplitTags(tags["album"], keepWhole: true), .. SplitTags(tags["genre"], keepWhole: false)],
        ContentIdentifier = tags["com.apple.quicktime.content.identifier"],
    };

    /// <summary>HDR when the transfer is PQ (SMPTE 2084) or HLG; unknown when the transfer is.</summary>
    internal static bool? IsHdr(string? transfer) => transfer is null or "unknown" ? null : transfer is "smpte2084" or "arib-std-b67";

    /// <summary>The bit depth: the decoder's raw sample size, else the pixel format's (yuv420p10le: 10; yuv420p: 8).</summary>
    internal static int? BitDepth(int? bitsPerRawSample, string? pixelFormat) =>
        bitsPerRawSample is > 0 and var bits ? bits
        : pixelFormat is not null && PixelFormatDepth().Match(pixelFormat) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
        : pixelFormat is not null ? 8
        : null;

    /// <summary>A rate given as a fraction, to three decimals; null for 0/0 or a zero numerator.</summary>
    internal static double? Rate(double numerator, double denominator) =>
        denominator == 0 || numerator == 0 || !double.IsFinite(numerator / denominator) ? null : Math.Round(numerator / denominator, 3);

    /// <summary>Clockwise degrees from the angle ffmpeg's display matrix gives (counter-clockwise).</summary>
    internal static int Clockwise(double counterClockwise) => (int)(((-Math.Round(counterClockwise)) % 360 + 360) % 360);

    private static CaptureTime? UtcTime(string? text)
    {
        // QuickTime and Matroska store UTC; zero dates (1904, 1970) mean "not set".
        var parsed = Trimmed(ExifDateParser.ParseIso(text));
        if (parsed is not { } time || time.WallClock.Year <= 1970)
            return null;
        return new CaptureTime(time.WallClock, time.Fraction, time.Offset ?? TimeSpan.Zero);
    }

    private static CaptureTime? Trimmed(CaptureTime? time) =>
        time is { Fraction: { } fraction } t && fraction.TrimEnd('0').Length == 0 ? new CaptureTime(t.WallClock, null, t.Offset)
        : time is { Fraction: { } f } t2 ? new CaptureTime(t2.WallClock, f.TrimEnd('0'), t2.Offset)
        : time;

    private static string[] SplitTags(string? text, bool keepWhole) =>
        text is null ? []
        : keepWhole ? [text]
        : text.Split([';', '/', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
