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

    // Formats whose size rayray reads from a fixed header (MetadataExtractor or Extraction/Headers).
    Pcx,

    /// <summary>PBM, PGM, PPM, PAM and PFM.</summary>
    Netpbm,

    /// <summary>JP2, JPX and MJ2 (boxes after a signature box), and the bare J2C codestream.</summary>
    Jpeg2000,

    /// <summary>The bare codestream (FF 0A) and the box container.</summary>
    JpegXl,

    /// <summary>Windows icons and cursors.</summary>
    Ico,
    Tga,
    OpenExr,
    Dpx,
    Radiance,
    Psp,
    Xcf,
    Flif,
    Bpg,

    // Audio and video that ffprobe describes.
    Ape,
    WavPack,
    Musepack,

    /// <summary>DSD audio: DSF and DSDIFF.</summary>
    Dsd,
    Flv,
    Wtv,
    Mxf,
    Dv,

    /// <summary>RealMedia (.RMF) and the older bare RealAudio.</summary>
    RealMedia,
}
