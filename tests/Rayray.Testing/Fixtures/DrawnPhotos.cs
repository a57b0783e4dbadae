using SkiaSharp;

namespace Rayray.Testing.Fixtures;

/// <summary>
/// Photo-like pictures for the perceptual hash tests, drawn and encoded with SkiaSharp: gradients and shapes (a
/// flat colour would hash to nothing), and the copies a library collects: resized and recompressed, rotated,
/// cropped, stored on its side with an EXIF orientation, with an EXIF thumbnail padded like Canon's.
/// </summary>
public static class DrawnPhotos
{
    /// <summary>A landscape: sky gradient, a sun, hills and a house. <paramref name="seed"/> changes the whole scene.</summary>
    public static SKBitmap Scene(int width, int height, int seed = 0)
    {
        var bitmap = new SKBitmap(width, height, SKColorType.Bgra8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(bitmap);
        canvas.Scale(width / 1200f, height / 800f);
        var random = new Random(seed);
        using (var sky = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(seed % 2 == 0 ? 0 : 1200, 800), [new SKColor(20, 60, 160), new SKColor(250, 200, 150)], SKShaderTileMode.Clamp) })
            canvas.DrawRect(0, 0, 1200, 800, sky);
        using var paint = new SKPaint { IsAntialias = true };
        for (var i = 0; i < 6; i++)
        {
            paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            canvas.DrawCircle(random.Next(1200), random.Next(800), random.Next(60, 260), paint);
        }
        for (var i = 0; i < 4; i++)
        {
            paint.Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
            canvas.DrawRect(random.Next(1000), random.Next(600), random.Next(80, 400), random.Next(80, 300), paint);
        }
        return bitmap;
    }

    public static SKBitmap Resized(SKBitmap source, int width, int height)
    {
        var resized = new SKBitmap(width, height, SKColorType.Bgra8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(resized);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, new SKRect(0, 0, width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        return resized;
    }

    /// <summary>The middle of the picture, <paramref name="keep"/> of each side.</summary>
    public static SKBitmap Cropped(SKBitmap source, double keep)
    {
        var width = (int)(source.Width * keep);
        var height = (int)(source.Height * keep);
        var cropped = new SKBitmap(width, height, SKColorType.Bgra8888, SKAlphaType.Premul);
        source.ExtractSubset(cropped, SKRectI.Create((source.Width - width) / 2, (source.Height - height) / 2, width, height));
        return cropped.Copy();
    }

    /// <summary>Turned a quarter clockwise (<paramref name="clockwise"/>) or anticlockwise.</summary>
    public static SKBitmap QuarterTurned(SKBitmap source, bool clockwise)
    {
        var turned = new SKBitmap(source.Height, source.Width, SKColorType.Bgra8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(turned);
        if (clockwise)
        {
            canvas.Translate(source.Height, 0);
            canvas.RotateDegrees(90);
        }
        else
        {
            canvas.Translate(0, source.Width);
            canvas.RotateDegrees(-90);
        }
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default);
        return turned;
    }

    public static byte[] Jpeg(SKBitmap picture, int quality)
    {
        using var image = SKImage.FromBitmap(picture);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }

    public static byte[] Png(SKBitmap picture)
    {
        using var image = SKImage.FromBitmap(picture);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The PNG with an uncompressed iTXt chunk of <paramref name="megabytes"/> MB of XMP-like text after its IHDR.</summary>
    public static byte[] WithLargeText(byte[] png, int megabytes)
    {
        var data = new List<byte>();
        data.AddRange("XML:com.adobe.xmp\0\0\0\0\0"u8.ToArray());
        data.AddRange(System.Text.Encoding.UTF8.GetBytes("<x:xmpmeta>" + new string('x', megabytes * 1024 * 1024) + "</x:xmpmeta>"));
        var typeAndData = new List<byte>("iTXt"u8.ToArray());
        typeAndData.AddRange(data);
        var crc = Crc32.Compute([.. typeAndData]);
        var chunk = new List<byte> { (byte)(data.Count >> 24), (byte)(data.Count >> 16), (byte)(data.Count >> 8), (byte)data.Count };
        chunk.AddRange(typeAndData);
        chunk.AddRange([(byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc]);
        const int AfterHeader = 8 + 25; // the signature and IHDR
        return [.. png.AsSpan(0, AfterHeader), .. chunk, .. png.AsSpan(AfterHeader)];
    }

    /// <summary>
    /// A 160×120 EXIF thumbnail of the picture as Canon writes one: the picture fitted inside, the rest black bars.
    /// <paramref name="painted"/> replaces the picture inside (a thumbnail that does not show the picture).
    /// </summary>
    public static byte[] PaddedThumbnail(SKBitmap picture, SKBitmap? painted = null)
    {
        using var thumbnail = new SKBitmap(160, 120, SKColorType.Bgra8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(thumbnail);
        canvas.Clear(SKColors.Black);
        var scale = Math.Min(160f / picture.Width, 120f / picture.Height);
        var (width, height) = (picture.Width * scale, picture.Height * scale);
        using var image = SKImage.FromBitmap(painted ?? picture);
        canvas.DrawImage(image, SKRect.Create((160 - width) / 2, (120 - height) / 2, width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        return Jpeg(thumbnail, 85);
    }

    /// <summary>
    /// The JPEG with an EXIF APP1 segment after its SOI: IFD0 with the orientation (when given), IFD1 with the
    /// thumbnail (when given). Little-endian TIFF.
    /// </summary>
    public static byte[] WithExif(byte[] jpeg, int? orientation, byte[]? thumbnail)
    {
        var tiff = new List<byte>();
        void U16(int v) { tiff.Add((byte)v); tiff.Add((byte)(v >> 8)); }
        void U32(long v) { for (var i = 0; i < 4; i++) tiff.Add((byte)(v >> (8 * i))); }
        void Entry(int tag, int type, int count, long value) { U16(tag); U16(type); U32(count); U32(value); }

        tiff.AddRange("II*\0"u8.ToArray());
        U32(8);
        var ifd0Entries = orientation is null ? 0 : 1;
        var ifd1Start = 8 + 2 + (12 * ifd0Entries) + 4;
        U16(ifd0Entries);
        if (orientation is { } value)
            Entry(0x0112, 3, 1, value);
        U32(thumbnail is null ? 0 : ifd1Start);
        if (thumbnail is not null)
        {
            var dataStart = ifd1Start + 2 + (12 * 3) + 4;
            U16(3);
            Entry(0x0103, 3, 1, 6);
            Entry(0x0201, 4, 1, dataStart);
            Entry(0x0202, 4, 1, thumbnail.Length);
            U32(0);
            tiff.AddRange(thumbnail);
        }

        var segment = new List<byte> { 0xFF, 0xE1 };
        var length = 2 + 6 + tiff.Count;
        segment.Add((byte)(length >> 8));
        segment.Add((byte)length);
        segment.AddRange("Exif\0\0"u8.ToArray());
        segment.AddRange(tiff);
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }
}
