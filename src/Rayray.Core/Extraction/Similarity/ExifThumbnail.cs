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
            ContainerFamily.Jpeg => JpegExifStart(head),
            _ => null,
        };
        if (tiffStart is not { } start || offset <= 0 || length is <= 2 or > MaxLength || start + offset + length > fileLength)
            return null;
        return (start + offset, length);
    }

    /// <summary>The file offset of the TIFF header in the first APP1 Exif segment of a JPEG, from the markers before the scan data.</summary>
    private static long? JpegExifStart(ReadOnlySpan<byte> head)
    {
        var position = 2;
        while (position + 4 <= head.Length && head[position] == 0xFF)
        {
            var marker = head[position + 1];
            if (marker is 0xDA or 0xD9)
                return null;
            var segmentLength = (head[position + 2] << 8) | head[position + 3];
            var payload = position + 4;
            if (marker == 0xE1 && payload + 6 <= head.Length && head.Slice(payload, 6).SequenceEqual("Exif\0\0"u8))
                return payload + 6;
            position += 2 + segmentLength;
        }
        return null;
    }
}
