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

    public static readonly MediaFormat Mp4 = new("MP4", MediaKind.Video, "video/mp4", ContainerFamily.IsoMedia, "mp4", "m4v", "mp4v");
    public static readonly MediaFormat QuickTime = new("QuickTime", MediaKind.Video, "video/quicktime", ContainerFamily.IsoMedia, "mov", "qt");
    public static readonly MediaFormat ThreeGpp = new("3GP", MediaKind.Video, "video/3gpp", ContainerFamily.IsoMedia, "3gp", "3g2");
    public static readonly MediaFormat Matroska = new("Matroska", MediaKind.Video, "video/x-matroska", ContainerFamily.Matroska, "mkv", "mk3d");
    public static readonly MediaFormat WebM = new("WebM", MediaKind.Video, "video/webm", ContainerFamily.Matroska, "webm");
    public static readonly MediaFormat Avi = new("AVI", MediaKind.Video, "video/x-msvideo", ContainerFamily.Riff, "avi");
    public static readonly MediaFormat M2ts = new("MPEG-TS", MediaKind.Video, "video/mp2t", ContainerFamily.MpegTransportStream, "mts", "m2ts", "m2t");
    public static readonly MediaFormat Mpeg = new("MPEG", MediaKind.Video, "video/mpeg", ContainerFamily.MpegProgramStream, "mpg", "mpeg", "vob");
    public static readonly MediaFormat Wmv = new("WMV", MediaKind.Video, "video/x-ms-wmv", ContainerFamily.Asf, "wmv", "asf");

    public static readonly MediaFormat Mp3 = new("MP3", MediaKind.Audio, "audio/mpeg", ContainerFamily.Mp3, "mp3");
    public static readonly MediaFormat M4a = new("M4A", MediaKind.Audio, "audio/mp4", ContainerFamily.IsoMedia, "m4a", "m4b");
    public static readonly MediaFormat Aac = new("AAC", MediaKind.Audio, "audio/aac", ContainerFamily.Adts, "aac");
    public static readonly MediaFormat Flac = new("FLAC", MediaKind.Audio, "audio/flac", ContainerFamily.Flac, "flac");
    public static readonly MediaFormat Wav = new("WAV", MediaKind.Audio, "audio/wav", ContainerFamily.Riff, "wav");
    public static readonly MediaFormat Ogg = new("Ogg", MediaKind.Audio, "audio/ogg", ContainerFamily.Ogg, "ogg", "oga");
    public static readonly MediaFormat Opus = new("Opus", MediaKind.Audio, "audio/opus", ContainerFamily.Ogg, "opus");
    public static readonly MediaFormat Wma = new("WMA", MediaKind.Audio, "audio/x-ms-wma", ContainerFamily.Asf, "wma");
    public static readonly MediaFormat Aiff = new("AIFF", MediaKind.Audio, "audio/aiff", ContainerFamily.Aiff, "aif", "aiff", "aifc");

    /// <summary>Any other file, indexed only with <c>--all-files</c>.</summary>
    public static readonly MediaFormat Other = new("other", MediaKind.Other, "application/octet-stream", ContainerFamily.Unknown);

    public static IReadOnlyList<MediaFormat> All { get; } =
    [
        Jpeg, Tiff, Png, Gif, Bmp, WebP, Heic, Heif, Avif, Psd,
        Dng, Cr2, Cr3, Crw, Nef, Nrw, Arw, Orf, Rw2, Pef, Srw, OtherTiffRaw, Raf, Mrw, X3f,
        Mp4, QuickTime, ThreeGpp, Matroska, WebM, Avi, M2ts, Mpeg, Wmv,
        Mp3, M4a, Aac, Flac, Wav, Ogg, Opus, Wma, Aiff,
    ];

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
