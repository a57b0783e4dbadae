namespace Rayray.Core.Formats;

/// <summary>The byte-level structure a format is built on; it decides which reader and which structure check apply.</summary>
public enum ContainerFamily
{
    Unknown,
    Jpeg,

    /// <summary>TIFF and the RAW formats built on a TIFF header at offset 0 (DNG, NEF, CR2, ARW, …).</summary>
    Tiff,
    Png,
    Gif,
    Bmp,

    /// <summary>RIFF: WebP, AVI, WAV.</summary>
    Riff,

    /// <summary>ISO base media: HEIF/HEIC, AVIF, CR3, MP4, MOV, 3GP, M4A.</summary>
    IsoMedia,
    Matroska,
    MpegTransportStream,
    MpegProgramStream,
    Asf,
    Mp3,
    Adts,
    Flac,
    Ogg,
    Aiff,
    Psd,

    /// <summary>Camera RAW formats with their own container (RAF, CRW, MRW, X3F).</summary>
    OtherRaw,
}
