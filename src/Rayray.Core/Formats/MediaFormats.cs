using System.Collections.Frozen;
using Rayray.Core.Documents;

namespace Rayray.Core.Formats;

/// <summary>Every format rayray recognizes, looked up by extension.</summary>
public static class MediaFormats
{
    public static readonly MediaFormat Jpeg = new("JPEG", MediaKind.Image, "image/jpeg", ContainerFamily.Jpeg, "jpg", "jpeg", "jpe", "jfif", "jif");
    public static readonly MediaFormat Tiff = new("TIFF", MediaKind.Image, "image/tiff", ContainerFamily.Tiff, "tif", "tiff");
    public static readonly MediaFormat Png = new("PNG", MediaKind.Image, "image/png", ContainerFamily.Png, "png");
    public static readonly MediaFormat Gif = new("GIF", MediaKind.Image, "image/gif", ContainerFamily.Gif, "gif");
    public static readonly MediaFormat Bmp = new("BMP", MediaKind.Image, "image/bmp", ContainerFamily.Bmp, "bmp", "dib");
    public static readonly MediaFormat WebP = new("WebP", MediaKind.Image, "image/webp", ContainerFamily.Riff, "webp");
    public static readonly MediaFormat Heic = new("HEIC", MediaKind.Image, "image/heic", ContainerFamily.IsoMedia, "heic", "hif");
    public static readonly MediaFormat Heif = new("HEIF", MediaKind.Image, "image/heif", ContainerFamily.IsoMedia, "heif");
    public static readonly MediaFormat Avif = new("AVIF", MediaKind.Image, "image/avif", ContainerFamily.IsoMedia, "avif");
    public static readonly MediaFormat Psd = new("PSD", MediaKind.Image, "image/vnd.adobe.photoshop", ContainerFamily.Psd, "psd");

    public static readonly MediaFormat Dng = new("DNG", MediaKind.Image, "image/x-adobe-dng", ContainerFamily.Tiff, "dng");
    public static readonly MediaFormat Cr2 = new("CR2", MediaKind.Image, "image/x-canon-cr2", ContainerFamily.Tiff, "cr2");
    public static readonly MediaFormat Cr3 = new("CR3", MediaKind.Image, "image/x-canon-cr3", ContainerFamily.IsoMedia, "cr3");
    public static readonly MediaFormat Crw = new("CRW", MediaKind.Image, "image/x-canon-crw", ContainerFamily.OtherRaw, "crw");
    public static readonly MediaFormat Nef = new("NEF", MediaKind.Image, "image/x-nikon-nef", ContainerFamily.Tiff, "nef");
    public static readonly MediaFormat Nrw = new("NRW", MediaKind.Image, "image/x-nikon-nrw", ContainerFamily.Tiff, "nrw");
    public static readonly MediaFormat Arw = new("ARW", MediaKind.Image, "image/x-sony-arw", ContainerFamily.Tiff, "arw", "srf", "sr2");
    public static readonly MediaFormat Orf = new("ORF", MediaKind.Image, "image/x-olympus-orf", ContainerFamily.Tiff, "orf", "ori");
    public static readonly MediaFormat Rw2 = new("RW2", MediaKind.Image, "image/x-panasonic-rw2", ContainerFamily.Tiff, "rw2", "rwl");
    public static readonly MediaFormat Pef = new("PEF", MediaKind.Image, "image/x-pentax-pef", ContainerFamily.Tiff, "pef");
    public static readonly MediaFormat Srw = new("SRW", MediaKind.Image, "image/x-samsung-srw", ContainerFamily.Tiff, "srw");
    public static readonly MediaFormat OtherTiffRaw = new("RAW", MediaKind.Image, "image/x-raw", ContainerFamily.Tiff, "erf", "kdc", "dcr", "3fr", "mos", "iiq", "mef");
    public static readonly MediaFormat Raf = new("RAF", MediaKind.Image, "image/x-fuji-raf", ContainerFamily.OtherRaw, "raf");
    public static readonly MediaFormat Mrw = new("MRW", MediaKind.Image, "image/x-minolta-mrw", ContainerFamily.OtherRaw, "mrw");
    public static readonly MediaFormat X3f = new("X3F", MediaKind.Image, "image/x-sigma-x3f", ContainerFamily.OtherRaw, "x3f");

    // Extensions that name other files too (pfm: printer font metrics, dif: spreadsheets, mpp: projects) are left
    // out: those formats are recognized by their content alone, so such files are not taken for broken media.
    public static readonly MediaFormat Pcx = new("PCX", MediaKind.Image, "image/vnd.zbrush.pcx", ContainerFamily.Pcx, "pcx");
    public static readonly MediaFormat Pbm = new("PBM", MediaKind.Image, "image/x-portable-bitmap", ContainerFamily.Netpbm, "pbm");
    public static readonly MediaFormat Pgm = new("PGM", MediaKind.Image, "image/x-portable-graymap", ContainerFamily.Netpbm, "pgm");
    public static readonly MediaFormat Ppm = new("PPM", MediaKind.Image, "image/x-portable-pixmap", ContainerFamily.Netpbm, "ppm", "pnm");
    public static readonly MediaFormat Pam = new("PAM", MediaKind.Image, "image/x-portable-arbitrarymap", ContainerFamily.Netpbm, "pam");
    public static readonly MediaFormat Pfm = new("PFM", MediaKind.Image, "image/x-portable-floatmap", ContainerFamily.Netpbm);
    public static readonly MediaFormat Jp2 = new("JPEG 2000", MediaKind.Image, "image/jp2", ContainerFamily.Jpeg2000, "jp2");
    public static readonly MediaFormat Jpx = new("JPX", MediaKind.Image, "image/jpx", ContainerFamily.Jpeg2000, "jpx", "jpf");
    public static readonly MediaFormat J2c = new("J2C", MediaKind.Image, "image/j2c", ContainerFamily.Jpeg2000, "j2c", "j2k", "jpc");
    public static readonly MediaFormat Jxl = new("JPEG XL", MediaKind.Image, "image/jxl", ContainerFamily.JpegXl, "jxl");
    public static readonly MediaFormat Ico = new("ICO", MediaKind.Image, "image/vnd.microsoft.icon", ContainerFamily.Ico, "ico");
    public static readonly MediaFormat Cur = new("CUR", MediaKind.Image, "image/x-win-bitmap", ContainerFamily.Ico, "cur");
    public static readonly MediaFormat Tga = new("TGA", MediaKind.Image, "image/x-tga", ContainerFamily.Tga, "tga", "tpic");
    public static readonly MediaFormat Exr = new("OpenEXR", MediaKind.Image, "image/x-exr", ContainerFamily.OpenExr, "exr");
    public static readonly MediaFormat Dpx = new("DPX", MediaKind.Image, "image/dpx", ContainerFamily.Dpx, "dpx");
    public static readonly MediaFormat RadianceHdr = new("Radiance HDR", MediaKind.Image, "image/vnd.radiance", ContainerFamily.Radiance, "hdr", "rgbe");
    public static readonly MediaFormat Psp = new("PSP", MediaKind.Image, "image/x-paintshoppro", ContainerFamily.Psp, "psp", "pspimage");
    public static readonly MediaFormat Xcf = new("XCF", MediaKind.Image, "image/x-xcf", ContainerFamily.Xcf, "xcf");
    public static readonly MediaFormat Flif = new("FLIF", MediaKind.Image, "image/flif", ContainerFamily.Flif, "flif");
    public static readonly MediaFormat Bpg = new("BPG", MediaKind.Image, "image/bpg", ContainerFamily.Bpg, "bpg");

    public static readonly MediaFormat Mp4 = new("MP4", MediaKind.Video, "video/mp4", ContainerFamily.IsoMedia, "mp4", "m4v", "mp4v");
    public static readonly MediaFormat QuickTime = new("QuickTime", MediaKind.Video, "video/quicktime", ContainerFamily.IsoMedia, "mov", "qt");
    public static readonly MediaFormat ThreeGpp = new("3GP", MediaKind.Video, "video/3gpp", ContainerFamily.IsoMedia, "3gp", "3g2");
    public static readonly MediaFormat Matroska = new("Matroska", MediaKind.Video, "video/x-matroska", ContainerFamily.Matroska, "mkv", "mk3d");
    public static readonly MediaFormat WebM = new("WebM", MediaKind.Video, "video/webm", ContainerFamily.Matroska, "webm");
    public static readonly MediaFormat Avi = new("AVI", MediaKind.Video, "video/x-msvideo", ContainerFamily.Riff, "avi");
    public static readonly MediaFormat M2ts = new("MPEG-TS", MediaKind.Video, "video/mp2t", ContainerFamily.MpegTransportStream, "mts", "m2ts", "m2t");
    public static readonly MediaFormat Mpeg = new("MPEG", MediaKind.Video, "video/mpeg", ContainerFamily.MpegProgramStream, "mpg", "mpeg", "vob");
    public static readonly MediaFormat Wmv = new("WMV", MediaKind.Video, "video/x-ms-wmv", ContainerFamily.Asf, "wmv", "asf");
    public static readonly MediaFormat OggVideo = new("Ogg video", MediaKind.Video, "video/ogg", ContainerFamily.Ogg, "ogv");
    public static readonly MediaFormat Mj2 = new("MJ2", MediaKind.Video, "video/mj2", ContainerFamily.Jpeg2000, "mj2", "mjp2");
    public static readonly MediaFormat Flv = new("FLV", MediaKind.Video, "video/x-flv", ContainerFamily.Flv, "flv");
    public static readonly MediaFormat Wtv = new("WTV", MediaKind.Video, "video/x-ms-wtv", ContainerFamily.Wtv, "wtv");
    public static readonly MediaFormat Mxf = new("MXF", MediaKind.Video, "application/mxf", ContainerFamily.Mxf, "mxf");
    public static readonly MediaFormat Dv = new("DV", MediaKind.Video, "video/dv", ContainerFamily.Dv, "dv");
    public static readonly MediaFormat RealMedia = new("RealMedia", MediaKind.Video, "application/vnd.rn-realmedia", ContainerFamily.RealMedia, "rm", "rmvb", "rv");

    public static readonly MediaFormat Mp3 = new("MP3", MediaKind.Audio, "audio/mpeg", ContainerFamily.Mp3, "mp3");
    public static readonly MediaFormat M4a = new("M4A", MediaKind.Audio, "audio/mp4", ContainerFamily.IsoMedia, "m4a", "m4b");
    public static readonly MediaFormat Aac = new("AAC", MediaKind.Audio, "audio/aac", ContainerFamily.Adts, "aac");
    public static readonly MediaFormat Flac = new("FLAC", MediaKind.Audio, "audio/flac", ContainerFamily.Flac, "flac");
    public static readonly MediaFormat Wav = new("WAV", MediaKind.Audio, "audio/wav", ContainerFamily.Riff, "wav");
    public static readonly MediaFormat Ogg = new("Ogg", MediaKind.Audio, "audio/ogg", ContainerFamily.Ogg, "ogg", "oga", "spx");
    public static readonly MediaFormat Opus = new("Opus", MediaKind.Audio, "audio/opus", ContainerFamily.Ogg, "opus");
    public static readonly MediaFormat Wma = new("WMA", MediaKind.Audio, "audio/x-ms-wma", ContainerFamily.Asf, "wma");
    public static readonly MediaFormat Aiff = new("AIFF", MediaKind.Audio, "audio/aiff", ContainerFamily.Aiff, "aif", "aiff", "aifc");
    public static readonly MediaFormat Ape = new("APE", MediaKind.Audio, "audio/x-ape", ContainerFamily.Ape, "ape");
    public static readonly MediaFormat WavPack = new("WavPack", MediaKind.Audio, "audio/x-wavpack", ContainerFamily.WavPack, "wv");
    public static readonly MediaFormat Musepack = new("Musepack", MediaKind.Audio, "audio/x-musepack", ContainerFamily.Musepack, "mpc");
    public static readonly MediaFormat Dsf = new("DSF", MediaKind.Audio, "audio/x-dsf", ContainerFamily.Dsd, "dsf");
    public static readonly MediaFormat Dff = new("DFF", MediaKind.Audio, "audio/x-dff", ContainerFamily.Dsd, "dff");
    public static readonly MediaFormat RealAudio = new("RealAudio", MediaKind.Audio, "audio/vnd.rn-realaudio", ContainerFamily.RealMedia, "ra");

    /// <summary>Any other file, indexed only with <c>--all-files</c>.</summary>
    public static readonly MediaFormat Other = new("other", MediaKind.Other, "application/octet-stream", ContainerFamily.Unknown);

    public static IReadOnlyList<MediaFormat> All { get; } =
    [
        Jpeg, Tiff, Png, Gif, Bmp, WebP, Heic, Heif, Avif, Psd,
        Dng, Cr2, Cr3, Crw, Nef, Nrw, Arw, Orf, Rw2, Pef, Srw, OtherTiffRaw, Raf, Mrw, X3f,
        Mp4, QuickTime, ThreeGpp, Matroska, WebM, Avi, M2ts, Mpeg, Wmv,
        Mp3, M4a, Aac, Flac, Wav, Ogg, Opus, Wma, Aiff,
        Pcx, Pbm, Pgm, Ppm, Pam, Pfm, Jp2, Jpx, J2c, Jxl, Ico, Cur, Tga, Exr, Dpx, RadianceHdr, Psp, Xcf, Flif, Bpg,
        OggVideo, Mj2, Flv, Wtv, Mxf, Dv, RealMedia,
        Ape, WavPack, Musepack, Dsf, Dff, RealAudio,
    ];

    /// <summary>The camera RAW formats: a RAW file beside a JPEG or HEIC of the same shot is one stack with it.</summary>
    public static IReadOnlyList<MediaFormat> Raw { get; } = [Dng, Cr2, Cr3, Crw, Nef, Nrw, Arw, Orf, Rw2, Pef, Srw, OtherTiffRaw, Raf, Mrw, X3f];

    private static readonly FrozenSet<string> RawExtensions =
        Raw.SelectMany(format => format.Extensions).ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether an extension (without the dot, any case) names a camera RAW format.</summary>
    public static bool IsRawExtension(string extension) => RawExtensions.Contains(extension);

    private static readonly FrozenDictionary<string, MediaFormat> ByExtensionMap =
        All.SelectMany(format => format.Extensions.Select(ext => (ext, format)))
           .ToFrozenDictionary(pair => pair.ext, pair => pair.format, StringComparer.OrdinalIgnoreCase);

    /// <summary>The format a file's extension (without the dot, any case) names, or null.</summary>
    public static MediaFormat? ByExtension(string extension) =>
        ByExtensionMap.GetValueOrDefault(extension);

    /// <summary>The extension of a path without the dot, as written (empty when there is none).</summary>
    public static string ExtensionOf(string path)
    {
        var name = Path.GetFileName(path.AsSpan());
        var dot = name.LastIndexOf('.');
        return dot <= 0 || dot == name.Length - 1 ? "" : name[(dot + 1)..].ToString();
    }
}
