using System.Globalization;
using System.Text.Json.Nodes;
using Rayray.Core.Documents;

namespace Rayray.Core.Normalization;

/// <summary>
/// ffprobe's JSON in the schema's terms (<see cref="AudioVideoFacts"/>): size after rotation, duration, codecs and
/// colour, and the tags of the format and the first video and audio streams.
/// </summary>
internal static class FfprobeFacts
{
    public static AudioVideoFacts Read(JsonObject probe)
    {
        var format = probe["format"] as JsonObject ?? [];
        var streams = (probe["streams"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var video = streams.FirstOrDefault(s => Text(s, "codec_type") == "video" && Integer(s["disposition"] as JsonObject, "attached_pic") != 1);
        var audio = streams.FirstOrDefault(s => Text(s, "codec_type") == "audio");
        var tags = new MediaTags([Strings(format["tags"]), Strings(video?["tags"]), Strings(audio?["tags"])]);

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
            BitDepth = AudioVideoFacts.BitDepth(Integer(video, "bits_per_raw_sample"), Text(video, "pix_fmt")),
            Bitrate = Long(video, "bit_rate") ?? Long(audio is not null && video is null ? audio : null, "bit_rate") ?? Long(format, "bit_rate"),
            Fps = Rate(Text(video, "avg_frame_rate")),
            ColorSpace = Text(video, "color_space"),
            ColorPrimaries = Text(video, "color_primaries"),
            ColorTransfer = transfer,
            Hdr = AudioVideoFacts.IsHdr(transfer),
            AudioCodec = Text(audio, "codec_name"),
            SampleRate = Integer(audio, "sample_rate"),
            Channels = Integer(audio, "channels"),
        };

        var dimensions = width is null && duration is null ? null : new Dimensions
        {
            Width = width,
            Height = height,
            Duration = duration is { } d ? Math.Round(d, 3) : null,
            Rotation = rotation,
        };
        return AudioVideoFacts.Create(dimensions, technical, tags);
    }

    /// <summary>Clockwise degrees: ffmpeg's display matrix gives the counter-clockwise angle; the old "rotate" tag was clockwise.</summary>
    private static int? Rotation(JsonObject video)
    {
        foreach (var side in (video["side_data_list"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Number(side, "rotation") is { } counterClockwise)
                return AudioVideoFacts.Clockwise(counterClockwise);
        }
        return video["tags"] is JsonObject tags && Integer(tags, "rotate") is { } clockwise ? ((clockwise % 360) + 360) % 360 : null;
    }

    private static double? Rate(string? fraction)
    {
        var parts = fraction?.Split('/');
        if (parts is not { Length: 2 } || !double.TryParse(parts[0], CultureInfo.InvariantCulture, out var n) ||
            !double.TryParse(parts[1], CultureInfo.InvariantCulture, out var d))
            return null;
        return AudioVideoFacts.Rate(n, d);
    }

    private static IEnumerable<KeyValuePair<string, string>> Strings(JsonNode? tags)
    {
        foreach (var (key, value) in tags as JsonObject ?? [])
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var text))
                yield return KeyValuePair.Create(key, text);
        }
    }

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
}
