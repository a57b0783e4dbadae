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

    /// <summary>Above this many pixels a picture is decoded a row at a time where its codec can (PNG, JPEG, BMP), so only a row is held.</summary>
    private const long RowByRowAbove = 1024 * 1024;

    /// <summary>The grey picture's longer side is at most this: the hash averages 9×8 cells, finer detail only costs memory.</summary>
    private const int MaxGreySide = 512;

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
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Bgra8888, SKAlphaType.Premul);
        var pixels = (long)size.Width * size.Height;
        var grey = new GreyAccumulator(size.Width, size.Height, MaxGreySide);

        SKCodecResult result;
        if (pixels > RowByRowAbove && codec.StartScanlineDecode(info) == SKCodecResult.Success)
            result = DecodeRows(codec, info, grey);
        else if (pixels > MaxDecodedPixels)
            return (null, $"the picture is too large to decode for a perceptual hash ({full.Width}×{full.Height})");
        else
            result = DecodeWhole(codec, info, grey);
        // A picture cut short decodes its first rows and grey below: its hash would describe a different picture.
        return result == SKCodecResult.Success ? (grey.ToPicture(), null) : (null, $"the picture could not be decoded ({result})");
    }

    private static SKCodecResult DecodeWhole(SKCodec codec, SKImageInfo info, GreyAccumulator grey)
    {
        var pixels = new byte[info.BytesSize64];
        var handle = GCHandle.Alloc(pixels, GCHandleType.Pinned);
        try
        {
            var result = codec.GetPixels(info, handle.AddrOfPinnedObject());
            if (result == SKCodecResult.Success)
            {
                for (var y = 0; y < info.Height; y++)
                    grey.AddRow(y, pixels.AsSpan(y * info.RowBytes, info.RowBytes));
            }
            return result;
        }
        finally
        {
            handle.Free();
        }
    }

    private static SKCodecResult DecodeRows(SKCodec codec, SKImageInfo info, GreyAccumulator grey)
    {
        var row = new byte[info.RowBytes];
        var handle = GCHandle.Alloc(row, GCHandleType.Pinned);
        try
        {
            for (var i = 0; i < info.Height; i++)
            {
                // BMPs are stored bottom up: the codec says which row of the picture comes next.
                var y = codec.GetOutputScanline(codec.NextScanline);
                if (codec.GetScanlines(handle.AddrOfPinnedObject(), 1, info.RowBytes) != 1)
                    return SKCodecResult.IncompleteInput;
                grey.AddRow(y, row);
            }
            return SKCodecResult.Success;
        }
        finally
        {
            handle.Free();
        }
    }
}
