using System.Runtime.InteropServices;
using SkiaSharp;

namespace Rayray.Core.Extraction.Similarity;

/// <summary>
/// Decodes a JPEG, PNG, WebP, GIF (first frame), BMP, ICO or WBMP to a small grey picture with SkiaSharp. SkiaSharp
/// was chosen over NetVips and Magick.NET (docs/benchmarks.md, "Perceptual hashes"): as fast as both on a 12-MP JPEG
/// (its codec decodes JPEG at 1/8 of the size in the DCT), ten times faster than NetVips on a 160×120 thumbnail, MIT
/// throughout (libvips is LGPL), and 12 MB of native library that loads on a bare Linux (the NoDependencies assets).
/// Other formats are left undecoded: Skia on Linux reads no HEIF, TIFF or RAW.
/// </summary>
internal static class SkiaPictureDecoder
{
    /// <summary>The decoded picture's shorter side is at least this (JPEG: the smallest DCT scale that gives it).</summary>
    private const int WantedShortSide = 64;

    /// <summary>Pictures that cannot be decoded smaller (PNG, GIF, WebP…) are decoded whole only up to this many pixels: 64 MB of colour.</summary>
    public const long MaxDecodedPixels = 16L * 1024 * 1024;

    private static readonly Lazy<string?> LoadProblem = new(() =>
    {
        try
        {
            using var bitmap = new SKBitmap(1, 1);
            return null;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException or EntryPointNotFoundException or MarshalDirectiveException)
        {
            return (e.InnerException ?? e).Message;
        }
    });

    /// <summary>Why SkiaSharp's native library cannot be used here; null when it can.</summary>
    public static string? WhyUnavailable => LoadProblem.Value;

    /// <summary>The picture in <paramref name="encoded"/>, small; or null and why not.</summary>
    public static (GreyPicture? Picture, string? Problem) Decode(ReadOnlySpan<byte> encoded)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        if (codec is null)
            return (null, "the decoder does not recognize the picture");
        var full = codec.Info;
        if (full.Width <= 0 || full.Height <= 0)
            return (null, "the picture has no size");
        var scale = Math.Min(1f, (float)WantedShortSide / Math.Min(full.Width, full.Height));
        var size = codec.GetScaledDimensions(scale);
        if ((long)size.Width * size.Height > MaxDecodedPixels)
            return (null, $"the picture is too large to decode for a perceptual hash ({full.Width}×{full.Height})");

        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Bgra8888, SKAlphaType.Premul);
        var pixels = new byte[info.BytesSize64];
        var handle = GCHandle.Alloc(pixels, GCHandleType.Pinned);
        SKCodecResult result;
        try
        {
            result = codec.GetPixels(info, handle.AddrOfPinnedObject());
        }
        finally
        {
            handle.Free();
        }
        // A picture cut short decodes its first rows and grey below: its hash would describe a different picture.
        if (result != SKCodecResult.Success)
            return (null, $"the picture could not be decoded ({result})");
        return (ToGrey(pixels, size.Width, size.Height), null);
    }

    private static GreyPicture ToGrey(byte[] bgra, int width, int height)
    {
        var levels = new float[width * height];
        for (var i = 0; i < levels.Length; i++)
        {
            var p = i * 4;
            // Premultiplied: a transparent pixel is laid over white, as a viewer shows it.
            var over = 255 - bgra[p + 3];
            levels[i] = (0.114f * (bgra[p] + over)) + (0.587f * (bgra[p + 1] + over)) + (0.299f * (bgra[p + 2] + over));
        }
        return new GreyPicture(width, height, levels);
    }
}
