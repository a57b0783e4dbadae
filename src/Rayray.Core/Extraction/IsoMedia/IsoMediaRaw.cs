using System.Text.Json.Nodes;

namespace Rayray.Core.Extraction.IsoMedia;

/// <summary>What rayray's movie reader read, for metadataRaw ("isoMedia"): the brands, the movie header, each track's header and sample description, and the tags.</summary>
internal static class IsoMediaRaw
{
    public static JsonObject Describe(MovieBoxes movie, long? durationMicroseconds)
    {
        var tracks = new JsonArray();
        foreach (var track in movie.Tracks)
        {
            var entry = new JsonObject
            {
                ["id"] = track.Id,
                ["handler"] = track.Handler,
                ["timeScale"] = track.TimeScale,
                ["duration"] = track.MediaDuration,
                ["samples"] = track.FramesForFps,
                ["sampleDuration"] = track.DurationForFps,
                ["sampleBytes"] = track.DataSize,
            };
            if (track.DisplayMatrix is { } matrix)
                entry["displayMatrix"] = new JsonArray([.. matrix.Select(v => (JsonNode)v)]);
            switch (track.Entry)
            {
                case VideoSampleEntry video:
                    entry["format"] = video.Format;
                    entry["codec"] = video.Codec;
                    entry["profile"] = video.Profile;
                    entry["width"] = video.Width;
                    entry["height"] = video.Height;
                    entry["pixelFormat"] = video.PixelFormat;
                    entry["colorPrimaries"] = video.ColorPrimaries;
                    entry["colorTransfer"] = video.ColorTransfer;
                    entry["colorSpace"] = video.ColorSpace;
                    break;
                case AudioSampleEntry audio:
                    entry["format"] = audio.Format;
                    entry["codec"] = audio.Codec;
                    entry["sampleRate"] = audio.SampleRate;
                    entry["channels"] = audio.Channels;
                    break;
            }
            foreach (var (key, value) in entry.ToList())
            {
                if (value is null)
                    entry.Remove(key);
            }
            tracks.Add(entry);
        }
        var tags = new JsonObject();
        foreach (var (key, value) in movie.Tags.Values)
            tags[key] = value;
        var raw = new JsonObject
        {
            ["movie"] = new JsonObject { ["timeScale"] = movie.MovieTimeScale, ["duration"] = movie.MovieDuration },
            ["tracks"] = tracks,
            ["tags"] = tags,
        };
        if (durationMicroseconds is { } us)
            raw["durationSeconds"] = us / 1e6;
        if (movie.Fragmented)
            raw["fragments"] = movie.Fragments;
        return raw;
    }
}
