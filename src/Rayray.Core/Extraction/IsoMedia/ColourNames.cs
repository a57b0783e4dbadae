namespace Rayray.Core.Extraction.IsoMedia;

/// <summary>
/// ffmpeg's names for the colour code points of ITU-T H.273 (av_color_primaries_name and its kin), and for the pixel
/// formats its H.264 and HEVC decoders choose. A code point ffmpeg has no name for, or "unspecified" (2), is no name:
/// ffprobe prints nothing for it.
/// </summary>
internal static class ColourNames
{
    public static string? Primaries(int code) => code switch
    {
        1 => "bt709",
        4 => "bt470m",
        5 => "bt470bg",
        6 => "smpte170m",
        7 => "smpte240m",
        8 => "film",
        9 => "bt2020",
        10 => "smpte428",
        11 => "smpte431",
        12 => "smpte432",
        22 => "ebu3213",
        _ => null,
    };

    public static string? Transfer(int code) => code switch
    {
        1 => "bt709",
        4 => "gamma22",
        5 => "gamma28",
        6 => "smpte170m",
        7 => "smpte240m",
        8 => "linear",
        9 => "log100",
        10 => "log316",
        11 => "iec61966-2-4",
        12 => "bt1361e",
        13 => "iec61966-2-1",
        14 => "bt2020-10",
        15 => "bt2020-12",
        16 => "smpte2084",
        17 => "smpte428",
        18 => "arib-std-b67",
        _ => null,
    };

    public static string? Matrix(int code) => code switch
    {
        0 => "gbr",
        1 => "bt709",
        4 => "fcc",
        5 => "bt470bg",
        6 => "smpte170m",
        7 => "smpte240m",
        8 => "ycgco",
        9 => "bt2020nc",
        10 => "bt2020c",
        11 => "smpte2085",
        12 => "chroma-derived-nc",
        13 => "chroma-derived-c",
        14 => "ictcp",
        _ => null,
    };

    /// <summary>
    /// The pixel format for a chroma format (0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4) and luma bit depth, as
    /// "yuv420p", "yuv420p10le", "gray10le", "gbrp" (4:4:4 with the identity matrix), "yuvj420p" (8-bit, full range).
    /// Null for a combination ffmpeg does not decode.
    /// </summary>
    public static string? PixelFormat(int chromaFormat, int bitDepth, bool fullRange, bool rgbMatrix, bool monochromeAsGray)
    {
        if (bitDepth is not (8 or 9 or 10 or 12 or 14))
            return null;
        var depth = bitDepth == 8 ? "" : $"{bitDepth}le";
        if (chromaFormat == 0 && monochromeAsGray)
            return $"gray{depth}";
        if (chromaFormat == 3 && rgbMatrix)
            return $"gbrp{depth}";
        var layout = chromaFormat switch { 3 => "444", 2 => "422", _ => "420" };
        return bitDepth == 8 && fullRange ? $"yuvj{layout}p" : $"yuv{layout}p{depth}";
    }
}
