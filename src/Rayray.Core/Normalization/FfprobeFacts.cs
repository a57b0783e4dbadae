using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Rayray.Core.Documents;

namespace Rayray.Core.Normalization;

/// <summary>
/// What ffprobe's JSON says, in the schema's terms: size after rotation, duration, codecs and
/// colour, the creation time (QuickTime's is UTC; Apple's creationdate keeps the local offset),
/// GPS from ISO 6709 tags, the make/model/software keys Apple and Android write, and audio tags.
/// </summary>
internal sealed partial record FfprobeFacts
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
    public List<string> Tags { get; init; } = [];
    public string? ContentIdentifier { get; init; }

    public static FfprobeFacts Read(JsonObject probe)
    {
        var format = probe["format"] as JsonObject ?? [];
        var streams = (probe["streams"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var video = streams.FirstOrDefault(s => Text(s, "codec_type") == "video" && Integer(s["disposition"] as JsonObject, "attached_pic") != 1);
        var audio = streams.FirstOrDefault(s => Text(s, "codec_type") == "audio");
        var tags = new TagLookup([format["tags"] as JsonObject, video?["tags"] as JsonObject, audio?["tags"] as JsonObject]);

        var rotation = video is null ? null : Rotation(video);
        int? width = Integer(video, "width"), height = Integer(video, "height");
        if (rotation is 90 or 270)
            (width, height) = (height, width);
        var duration = Number(format, "duration") ?? Number(video, "duration") ?? Number(audio, "duration");

        var transfer = Text(video, "color_transfer");
        var technical = new TechnicalInfo
        {
            Container = Text(format, "format_name"),
            Codec = Text(video, "codec_name"),
            Profile = Text(video, "profile"),
            PixelFormat = Text(video, "pix_fmt"),
            BitDepth = BitDepth(video),
            Bitrate = Long(video, "bit_rate") ?? Long(audio is not null && video is null ? audio : null, "bit_rate") ?? Long(format, "bit_rate"),
            Fps = Rate(Text(video, "avg_frame_rate")),
            ColorSpace = Text(video, "color_space"),
            ColorPrimaries = Text(video, "color_primaries"),
            ColorTransfer = transfer,
            Hdr = transfer is null or "unknown" ? null : transfer is "smpte2084" or "arib-std-b67",
            AudioCodec = Text(audio, "codec_name"),
            SampleRate = Integer(audio, "sample_rate"),
            Channels = Integer(audio, "channels"),
        };

        return new FfprobeFacts
        {
            Dimensions = width is null && duration is null ? null : new Dimensions
            {
                Width = width,
                Height = height,
                Duration = duration is { } d ? Math.Round(d, 3) : null,
                Rotation = rotation,
            },
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
    }

    /// <summary>Clockwise degrees: ffmpeg's display matrix gives the counter-clockwise angle; the old "rotate" tag was clockwise.</summary>
    private static int? Rotation(JsonObject video)
    {
        foreach (var side in (video["side_data_list"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Number(side, "rotation") is { } counterClockwise)
                return (int)((((-Math.Round(counterClockwise)) % 360) + 360) % 360);
        }
        return video["tags"] is JsonObject tags && Integer(tags, "rotate") is { } clockwise ? ((clockwise % 360) + 360) % 360 : null;
    }

    private static int? BitDepth(JsonObject? video) =>
        Integer(video, "bits_per_raw_sample") is > 0 and var bits ? bits
        : Text(video, "pix_fmt") is { } format && PixelFormatDepth().Match(format) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
        : Text(video, "pix_fmt") is not null ? 8
        : null;

    private static double? Rate(string? fraction)
    {
        if (fraction is null)
            return null;
        var parts = fraction.Split('/');
        if (parts.Length != 2 || !double.TryParse(parts[0], CultureInfo.InvariantCulture, out var n) ||
            !double.TryParse(parts[1], CultureInfo.InvariantCulture, out var d) || d == 0 || n == 0)
            return null;
        return Math.Round(n / d, 3);
    }

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

    private static string? Text(JsonObject? node, string key) =>
        node?[key] is JsonValue value && value.TryGetValue<string>(out var text) ? TagValues.Clean(text)
        : node?[key] is JsonValue number ? number.ToJsonString()
        : null;

    private static double? Number(JsonObject? node, string key) =>
        Text(node, key) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    private static int? Integer(JsonObject? node, string key) =>
        Number(node, key) is { } value && value is >= int.MinValue and <= int.MaxValue ? (int)value : null;

    private static long? Long(JsonObject? node, string key) =>
        Number(node, key) is { } value && value is > 0 and < long.MaxValue ? (long)value : null;

    /// <summary>Tag lookup across the format's and the first streams' tags, ignoring key case (Vorbis comments are upper case).</summary>
    private sealed class TagLookup(IEnumerable<JsonObject?> sources)
    {
        private readonly Dictionary<string, string> _tags = Build(sources);

        public string? this[string key] => _tags.GetValueOrDefault(key);

        private static Dictionary<string, string> Build(IEnumerable<JsonObject?> sources)
        {
            var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var source in sources)
            {
                foreach (var (key, value) in source ?? [])
                {
                    if (value is JsonValue v && v.TryGetValue<string>(out var text) && TagValues.Clean(text) is { } clean)
                        tags.TryAdd(key, clean);
                }
            }
            return tags;
        }
    }
}
