using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using Rayray.Core.Formats;

namespace Rayray.Core.Extraction.Similarity;

/// <summary>
/// Where a file's EXIF thumbnail (IFD1's JPEG, typically 160×120) is: its offset in IFD1 counts from the TIFF
/// header, which is the file's start in a TIFF or a RAW built on one (CR2, NEF, DNG, ARW…) and just after
/// <c>Exif\0\0</c> in a JPEG's APP1 segment.
/// </summary>
internal static class ExifThumbnail
{
    /// <summary>Larger "thumbnails" are not small previews, and are not worth reading for a 9×8 hash.</summary>
    public const int MaxLength = 1024 * 1024;

    public static (long Offset, int Length)? Locate(MediaFormat format, ReadOnlySpan<byte> head, IReadOnlyList<MetadataExtractor.Directory> directories, long fileLength)
    {
        var ifd1 = directories.OfType<ExifThumbnailDirectory>().FirstOrDefault();
        if (ifd1 is null || !ifd1.TryGetInt64(ExifThumbnailDirectory.TagThumbnailOffset, out var offset) || !ifd1.TryGetInt32(ExifThumbnailDirectory.TagThumbnailLength, out var length))
            return null;
        long? tiffStart = format.Family switch
        {
            ContainerFamily.Tiff => 0,
            ContainerFamily.Jpeg => JpegExifSegment.Find(head)?.Start,
            _ => null,
        };
        if (tiffStart is not { } start || offset <= 0 || length is <= 2 or > MaxLength || start + offset + length > fileLength)
            return null;
        return (start + offset, length);
    }
}
