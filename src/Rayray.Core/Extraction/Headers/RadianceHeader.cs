using System.Globalization;
using System.Text;

namespace Rayray.Core.Extraction.Headers;

/// <summary>
/// Radiance RGBE (the Radiance reference manual, "Picture File Format"): "#?RADIANCE" or "#?RGBE", variable
/// lines (FORMAT=32-bit_rle_rgbe …) up to an empty line, then the resolution string: "-Y 512 +X 768" is 512
/// scanlines of 768 pixels; with X first the scanlines run vertically, and X still counts the columns.
/// </summary>
internal static class RadianceHeader
{
    private const int MaxHeaderLength = 64 * 1024;

    public static bool IsRadiance(ReadOnlySpan<byte> h) => h.StartsWith("#?RADIANCE\n"u8) || h.StartsWith("#?RGBE\n"u8);

    public static HeaderRead Read(Stream stream, long length)
    {
        var directory = new ImageHeaderDirectory("Radiance HDR");
        var text = Encoding.Latin1.GetString(ImageHeaders.ReadAt(stream, 0, MaxHeaderLength, length));
        var end = text.IndexOf("\n\n", StringComparison.Ordinal);
        if (end < 0)
            return new HeaderRead(directory, text.Length < MaxHeaderLength ? ImageHeaders.CutShort("Radiance header") : "damaged: the Radiance header does not end in its first 64 KB");
        foreach (var line in text[..end].Split('\n'))
        {
            if (line.StartsWith("FORMAT=", StringComparison.Ordinal))
                directory.Set(ImageHeaderDirectory.TagColorType, line[7..].Trim());
        }
        directory.Set(ImageHeaderDirectory.TagBitsPerSample, 32);
        var resolutionEnd = text.IndexOf('\n', end + 2);
        if (resolutionEnd < 0)
            return new HeaderRead(directory, ImageHeaders.CutShort("Radiance resolution line"));
        var parts = text[(end + 2)..resolutionEnd].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 4 || !IsAxis(parts[0]) || !IsAxis(parts[2]) || parts[0][1] == parts[2][1] ||
            !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var first) ||
            !long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var second))
            return new HeaderRead(directory, $"damaged: the Radiance resolution line reads '{text[(end + 2)..resolutionEnd]}'");
        var xFirst = parts[0][1] == 'X';
        return new HeaderRead(directory, directory.SetSize(xFirst ? first : second, xFirst ? second : first));

        static bool IsAxis(string axis) => axis.Length == 2 && axis[0] is '+' or '-' && axis[1] is 'X' or 'Y';
    }
}
