namespace Rayray.Core.Extraction.IsoMedia;

/// <summary>The first sample description of a track ('stsd'), as ffmpeg would name its stream.</summary>
internal abstract record SampleEntry(string Format);

/// <summary>A video sample entry: the codec and what its configuration (avcC, hvcC) and 'colr' say.</summary>
internal sealed record VideoSampleEntry(string Format) : SampleEntry(Format)
{
    public string? Codec { get; init; }
    public string? Profile { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
    public string? PixelFormat { get; init; }
    public int? BitsPerRawSample { get; init; }
    public string? ColorSpace { get; init; }
    public string? ColorPrimaries { get; init; }
    public string? ColorTransfer { get; init; }

    /// <summary>Why rayray cannot say what ffprobe would (an unknown codec, a parameter set it cannot read); null when it can.</summary>
    public string? Gap { get; init; }
}

/// <summary>An audio sample entry: the codec (for 'mp4a', from the esds object type), sample rate and channels.</summary>
internal sealed record AudioSampleEntry(string Format) : SampleEntry(Format)
{
    public string? Codec { get; init; }
    public int? SampleRate { get; init; }
    public int? Channels { get; init; }
    public string? Gap { get; init; }
}
