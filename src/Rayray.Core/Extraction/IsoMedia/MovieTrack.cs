namespace Rayray.Core.Extraction.IsoMedia;

/// <summary>What rayray read of one track ('trak') and of its fragments: the values ffmpeg derives its stream from.</summary>
internal sealed class MovieTrack
{
    public uint Id { get; set; }

    /// <summary>The media handler: "vide", "soun", "meta", "tmcd", …</summary>
    public string? Handler { get; set; }

    /// <summary>The track matrix times the movie's, as ffmpeg multiplies them (16.16 and 2.30 fixed point); null when it is the identity.</summary>
    public int[]? DisplayMatrix { get; set; }

    public uint TimeScale { get; set; }

    /// <summary>The media header's duration (mdhd), in the track's time scale.</summary>
    public ulong MediaDuration { get; set; }

    /// <summary>The media header's creation time, in seconds since 1904 (or, from some writers, since 1970).</summary>
    public ulong MediaCreated { get; set; }

    public SampleEntry? Entry { get; set; }

    /// <summary>Bytes of all samples (stsz/stz2, and trun in fragments).</summary>
    public long DataSize { get; set; }

    /// <summary>Samples and their total duration in the track's time scale (stts, and trun): ffmpeg's average frame rate.</summary>
    public long FramesForFps { get; set; }
    public long DurationForFps { get; set; }

    /// <summary>In a fragmented movie: the defaults from 'trex', where the fragments' samples end, and where the first one is shown.</summary>
    public uint DefaultSampleDuration { get; set; }
    public uint DefaultSampleSize { get; set; }
    public long FragmentEnd { get; set; }
    public long? FirstPresentation { get; set; }

    /// <summary>
    /// The totals when ffmpeg computes a stream's bitrate and frame rate: after the movie and the first fragment
    /// (it reads the later fragments only as it plays them); null in a movie without fragments.
    /// </summary>
    public (long DataSize, long Frames, long Duration)? AtFirstFragment { get; set; }

    /// <summary>The totals read so far: sample bytes, samples and their duration.</summary>
    public (long DataSize, long Frames, long Duration) Totals => (DataSize, FramesForFps, DurationForFps);

    /// <summary>The totals ffmpeg computes the bitrate and frame rate from: at the first fragment, else all of them.</summary>
    public (long DataSize, long Frames, long Duration) TotalsAtStart => AtFirstFragment ?? Totals;

    public bool IsVideo => Handler == "vide";
    public bool IsAudio => Handler == "soun";
}
