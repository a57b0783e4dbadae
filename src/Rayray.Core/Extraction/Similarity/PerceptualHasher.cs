using MetadataExtractor;
using System.Buffers;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Jpeg;
using Rayray.Core.Documents;
using Rayray.Core.Formats;

namespace Rayray.Core.Extraction.Similarity;

/// <summary>
/// An image's perceptual hash, during the read that hashes and parses it: from its EXIF thumbnail (a CR3's THMB box) when it has one
/// (a 160×120 JPEG decodes in a fraction of a millisecond), else from the picture decoded at a reduced size, for the
/// formats the decoder reads. Oriented by the EXIF orientation first. Read through the same bounded window as the
/// metadata parsers; a picture that is damaged, too large or cannot be decoded gets no hash and a note.
/// </summary>
internal static class PerceptualHasher
{
    /// <summary>A whole picture is read into memory to be decoded only up to this size.</summary>
    public const long MaxImageBytes = 64L * 1024 * 1024;

    private static readonly HashSet<ContainerFamily> Decodable = [ContainerFamily.Jpeg, ContainerFamily.Png, ContainerFamily.Gif, ContainerFamily.Bmp];

    /// <summary>Null for files that are not images, are damaged, or cannot be hashed (then with a note, when it is worth saying).</summary>
    public static PerceptualHashReading? Hash(MediaFormat format, IContentSource source, long length, ReadOnlyMemory<byte> head,
        IReadOnlyList<MetadataExtractor.Directory> directories, TimeSpan timeBudget, List<string> notes)
    {
        if (format.Kind != MediaKind.Image)
            return null;
        var preview = format == MediaFormats.Cr3 ? Cr3Preview(source, length, head, timeBudget) : ExifThumbnail.Locate(format, head.Span, directories, length);
        var decodable = Decodable.Contains(format.Family) || format == MediaFormats.WebP;
        if (preview is null && !decodable)
            return null;
        if (SkiaPictureDecoder.WhyUnavailable is { } problem)
        {
            notes.Add($"no perceptual hash: the image decoder (SkiaSharp) could not be loaded: {problem}");
            return null;
        }

        var orientation = Orientation(directories);
        string? previewProblem = null;
        if (preview is { } thumbnail)
        {
            var (hash, why) = HashPart(source, length, head, thumbnail.Offset, thumbnail.Length, timeBudget, orientation, MainSize(directories));
            if (hash is { } fromPreview)
                return new PerceptualHashReading(fromPreview, PerceptualHashSource.Preview);
            if (why is null)
                return null; // a flat thumbnail: the picture would be flat too
            previewProblem = why;
        }
        if (!decodable)
        {
            notes.Add($"no perceptual hash from the EXIF thumbnail: {previewProblem}");
            return null;
        }
        if (length > MaxImageBytes)
        {
            notes.Add($"no perceptual hash: the picture is larger than {MaxImageBytes / (1024 * 1024)} MB");
            return null;
        }
        var (whole, problemWhole) = HashPart(source, length, head, 0, (int)length, timeBudget, orientation, null, pixelsOnly: format.Family == ContainerFamily.Png);
        if (whole is { } fromImage)
            return new PerceptualHashReading(fromImage, PerceptualHashSource.Image);
        if (problemWhole is not null)
            notes.Add($"no perceptual hash: {problemWhole}");
        return null;
    }

    /// <param name="pixelsOnly">A whole PNG: only its pixel-making chunks are read and decoded (<see cref="PngEssentials"/>).</param>
    private static (ulong? Hash, string? Problem) HashPart(IContentSource source, long length, ReadOnlyMemory<byte> head, long offset, int count,
        TimeSpan timeBudget, int orientation, (int Width, int Height)? mainSize, bool pixelsOnly = false)
    {
        var buffer = pixelsOnly ? null : ArrayPool<byte>.Shared.Rent(count);
        try
        {
            byte[]? encoded;
            using (var stream = new FileWindowStream(source, length, head, new ReadBudget(count + (1024L * 1024), timeBudget), []))
            {
                if (pixelsOnly)
                {
                    encoded = PngEssentials.Read(stream, length, MaxImageBytes);
                    count = encoded?.Length ?? 0;
                }
                else
                {
                    stream.Position = offset;
                    stream.ReadExactly(buffer!, 0, count);
                    encoded = buffer;
                }
            }
            if (encoded is null)
                return (null, "the PNG's chunks could not be followed");
            var (picture, problem) = SkiaPictureDecoder.Decode(encoded.AsSpan(0, count));
            if (picture is null)
                return (null, problem);
            var crop = CropRegion.ToShapeOf(picture, mainSize?.Width, mainSize?.Height);
            if (crop.Width < 9 || crop.Height < 9)
                return (null, "the picture is too small to hash");
            // Null without a problem: a flat picture, which has nothing to compare.
            return (DifferenceHash.Compute(picture, crop, orientation), null);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or ContentGapException)
        {
            return (null, $"could not be read ({e.Message})");
        }
        finally
        {
            if (buffer is not null)
                ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static (long Offset, int Length)? Cr3Preview(IContentSource source, long length, ReadOnlyMemory<byte> head, TimeSpan timeBudget)
    {
        try
        {
            using var stream = new FileWindowStream(source, length, head, new ReadBudget(1024 * 1024, timeBudget), []);
            return Cr3.Cr3Thumbnail.Locate(stream, length);
        }
        catch (IOException)
        {
            return null; // over the budget, or a download's gap: the structure check has its own say
        }
    }

    /// <summary>IFD0's orientation: an EXIF thumbnail is stored like the main image, and so is a picture whose decoder ignores it.</summary>
    private static int Orientation(IReadOnlyList<MetadataExtractor.Directory> directories) =>
        directories.OfType<ExifIfd0Directory>().FirstOrDefault() is { } ifd0 && ifd0.TryGetInt32(ExifDirectoryBase.TagOrientation, out var value) ? value : 1;

    /// <summary>The main picture's stored size, which the thumbnail's shape is cut to (a JPEG's frame, else the EXIF pixel dimensions, else IFD0's).</summary>
    private static (int Width, int Height)? MainSize(IReadOnlyList<MetadataExtractor.Directory> directories)
    {
        if (directories.OfType<JpegDirectory>().FirstOrDefault() is { } frame && frame.TryGetInt32(JpegDirectory.TagImageWidth, out var w) && frame.TryGetInt32(JpegDirectory.TagImageHeight, out var h) && w > 0 && h > 0)
            return (w, h);
        if (directories.OfType<ExifSubIfdDirectory>().FirstOrDefault() is { } exif && exif.TryGetInt32(ExifDirectoryBase.TagExifImageWidth, out w) && exif.TryGetInt32(ExifDirectoryBase.TagExifImageHeight, out h) && w > 0 && h > 0)
            return (w, h);
        if (directories.OfType<ExifIfd0Directory>().FirstOrDefault() is { } ifd0 && ifd0.TryGetInt32(ExifDirectoryBase.TagImageWidth, out w) && ifd0.TryGetInt32(ExifDirectoryBase.TagImageHeight, out h) && w > 0 && h > 0)
            return (w, h);
        return null;
    }
}
