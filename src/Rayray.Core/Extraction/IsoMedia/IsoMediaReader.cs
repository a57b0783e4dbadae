using Rayray.Core.Documents;
using Rayray.Core.Normalization;

namespace Rayray.Core.Extraction.IsoMedia;

/// <summary>
/// Reads an MP4/MOV/M4V/M4A/3GP movie's streams and tags in-process — from the first megabyte the hashing read
/// kept, or through the page cache it filled for a movie box at the end — and gives them the meaning ffprobe gives them (ffmpeg's mov demuxer and its H.264, HEVC
/// and AAC parameter parsing), so a phone's clips need no ffprobe process. A movie it cannot describe the way
/// ffprobe would (another codec, a parameter set it cannot read, no duration) says why in <see cref="IsoMediaRead.Gap"/>.
/// </summary>
internal static class IsoMediaReader
{
    /// <summary>ffprobe's format_name for every ISO base media file.</summary>
    public const string ContainerName = "mov,mp4,m4a,3gp,3g2,mj2";

    private const long Microseconds = 1_000_000;

    public static IsoMediaRead Read(Stream stream, long length)
    {
        var movie = new MovieBoxes(stream, length);
        try
        {
            movie.Walk();
        }
        catch (Exception e) when (e is IsoMediaLimitException or EndOfStreamException)
        {
            return new IsoMediaRead(null, null, $"rayray's movie reader stopped: {e.Message}") { CameraDirectories = movie.Cameras.Directories };
        }
        if (!movie.FoundMovie)
            return new IsoMediaRead(null, null, "it has no 'moov' box") { CameraDirectories = movie.Cameras.Directories };
        return Describe(movie, length) with { CameraDirectories = movie.Cameras.Directories };
    }

    private static IsoMediaRead Describe(MovieBoxes movie, long length)
    {
        var videoTrack = movie.Tracks.Find(t => t.IsVideo && !movie.ChapterTracks.Contains(t.Id));
        var audioTrack = movie.Tracks.Find(t => t.IsAudio);
        var video = videoTrack?.Entry as VideoSampleEntry;
        var audio = audioTrack?.Entry as AudioSampleEntry;
        var durationMicroseconds = Duration(movie, videoTrack, audioTrack);

        var gap = (videoTrack, audioTrack) switch
        {
            (null, null) => "it has no audio or video track",
            ({ } v, _) when video is null => $"its video track {v.Id} has no sample description",
            (_, { } a) when audio is null => $"its audio track {a.Id} has no sample description",
            _ => video?.Gap ?? audio?.Gap ?? movie.Tags.Gap,
        };
        gap ??= durationMicroseconds is null ? "its movie header gives no duration" : null;

        int? rotation = null;
        if (videoTrack?.DisplayMatrix is { } matrix)
        {
            // ffprobe prints the angle as an integer, cut towards zero.
            if (MovieHeaders.CounterClockwiseRotation(matrix) is { } counterClockwise)
                rotation = AudioVideoFacts.Clockwise(Math.Truncate(counterClockwise));
            else
                gap ??= "its video track's display matrix has no scale";
        }
        int? width = video?.Width, height = video?.Height;
        if (rotation is 90 or 270)
            (width, height) = (height, width);
        var duration = durationMicroseconds is { } us ? Math.Round(us / (double)Microseconds, 3) : (double?)null;

        var containerBitrate = durationMicroseconds is > 0 ? (long)(length * 8.0 * Microseconds / durationMicroseconds.Value) : (long?)null;
        var technical = new TechnicalInfo
        {
            Container = ContainerName,
            Codec = video?.Codec,
            Profile = video?.Profile,
            PixelFormat = video?.PixelFormat,
            BitDepth = video is null ? null : AudioVideoFacts.BitDepth(video.BitsPerRawSample, video.PixelFormat),
            Bitrate = Bitrate(videoTrack) ?? (video is null ? Bitrate(audioTrack) : null) ?? (containerBitrate > 0 ? containerBitrate : null),
            Fps = videoTrack is null ? null : FrameRate(videoTrack),
            ColorSpace = video?.ColorSpace,
            ColorPrimaries = video?.ColorPrimaries,
            ColorTransfer = video?.ColorTransfer,
            Hdr = AudioVideoFacts.IsHdr(video?.ColorTransfer),
            AudioCodec = audio?.Codec,
            SampleRate = audio?.SampleRate,
            Channels = audio?.Channels,
        };
        var dimensions = width is null && duration is null ? null : new Dimensions { Width = width, Height = height, Duration = duration, Rotation = rotation };
        var tags = new MediaTags([movie.Tags.Values, StreamTags(videoTrack), StreamTags(audioTrack)]);
        var facts = AudioVideoFacts.Create(dimensions, technical, tags);
        return new IsoMediaRead(facts, IsoMediaRaw.Describe(movie, durationMicroseconds), gap);
    }

    /// <summary>
    /// The format's duration in microseconds as ffmpeg has it: the movie header's; in a fragmented movie without one,
    /// from the first shown sample of the earliest track to the end of the last.
    /// </summary>
    private static long? Duration(MovieBoxes movie, MovieTrack? video, MovieTrack? audio)
    {
        if (movie.MovieDuration > 0 && movie.MovieTimeScale > 0)
            return Rescale((long)Math.Min(movie.MovieDuration, long.MaxValue / 2), Microseconds, movie.MovieTimeScale);
        if (!movie.Fragmented)
            return null;
        long? start = null, end = null;
        foreach (var track in new[] { video, audio })
        {
            if (track is not { TimeScale: > 0 })
                continue;
            var first = Rescale(track.FirstPresentation ?? 0, Microseconds, track.TimeScale);
            var last = first + Rescale(Math.Max((long)Math.Min(track.MediaDuration, long.MaxValue / 2), track.FragmentEnd), Microseconds, track.TimeScale);
            start = Math.Min(start ?? first, first);
            end = Math.Max(end ?? last, last);
        }
        return end - start is > 0 and var span ? span : null;
    }

    /// <summary>A stream's bitrate as ffmpeg computes it: its sample bytes over its samples' duration (as far as it read at the start).</summary>
    private static long? Bitrate(MovieTrack? track)
    {
        if (track is null || track.TimeScale == 0)
            return null;
        var (bytes, _, duration) = track.TotalsAtStart;
        return duration > 0 && Rescale(bytes, track.TimeScale * 8L, duration) is > 0 and var bitrate ? bitrate : null;
    }

    /// <summary>ffmpeg's average frame rate: the samples over their duration, as far as it read at the start.</summary>
    private static double? FrameRate(MovieTrack track)
    {
        var (_, frames, duration) = track.TotalsAtStart;
        return frames > 0 && duration > 0 ? AudioVideoFacts.Rate((double)track.TimeScale * frames, duration) : null;
    }

    private static IEnumerable<KeyValuePair<string, string>> StreamTags(MovieTrack? track) =>
        track is not null && MovieHeaders.CreationTimeText(track.MediaCreated) is { } created ? [KeyValuePair.Create("creation_time", created)] : [];

    /// <summary>a × b / c rounded to the nearest, halves away from zero (av_rescale), without overflowing.</summary>
    private static long Rescale(long a, long b, long c)
    {
        var product = (Int128)a * b;
        var half = c / 2;
        var result = product >= 0 ? (product + half) / c : (product - half) / c;
        return result > long.MaxValue ? long.MaxValue : result < long.MinValue ? long.MinValue : (long)result;
    }
}
