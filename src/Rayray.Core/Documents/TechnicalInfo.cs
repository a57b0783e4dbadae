namespace Rayray.Core.Documents;

/// <summary>Encoding facts, mostly for video and audio.</summary>
public sealed record TechnicalInfo
{
    public string? Container { get; init; }
    public string? Codec { get; init; }
    public string? Profile { get; init; }
    public string? PixelFormat { get; init; }
    public int? BitDepth { get; init; }

    /// <summary>Bits per second.</summary>
    public long? Bitrate { get; init; }
    public double? Fps { get; init; }
    public string? ColorSpace { get; init; }
    public string? ColorPrimaries { get; init; }
    public string? ColorTransfer { get; init; }

    /// <summary>True when the transfer characteristics are PQ (SMPTE 2084) or HLG.</summary>
    public bool? Hdr { get; init; }
    public string? AudioCodec { get; init; }
    public int? SampleRate { get; init; }
    public int? Channels { get; init; }
}
