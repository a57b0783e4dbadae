using MetadataExtractor.Formats.Exif;
using MetadataExtractor.IO;

namespace Rayray.Core.Extraction.IsoMedia.MakerBoxes;

/// <summary>
/// EXIF that cameras tuck into their movies — the thumbnail JPEG in Canon's CNTH, the TIFF blocks of Canon's CMT1/CMT2,
/// the EXIF in Panasonic's PANA — read by MetadataExtractor and reduced to the camera's facts. Only those are kept: the
/// thumbnail's own size and orientation are not the movie's.
/// </summary>
internal static class EmbeddedExif
{
    private static readonly int[] CameraTags =
    [
        CameraExifDirectory.Make, CameraExifDirectory.Model, CameraExifDirectory.Software, CameraExifDirectory.ExposureTime,
        CameraExifDirectory.FNumber, CameraExifDirectory.IsoSpeedRatings, CameraExifDirectory.DateTimeOriginal,
        CameraExifDirectory.OffsetTimeOriginal, CameraExifDirectory.FocalLength, CameraExifDirectory.FocalLengthIn35mmFilm,
        CameraExifDirectory.LensModel,
    ];


    /// <summary>Copies the camera facts of a TIFF-structured block (byte order mark first) the directory does not have yet.</summary>
    public static void CopyFromTiff(ReadOnlySpan<byte> tiff, CameraExifDirectory directory)
    {
        if (tiff.Length < 8 || !(tiff.StartsWith("II*\0"u8) || tiff.StartsWith("MM\0*"u8)))
            return;
        IReadOnlyList<MetadataExtractor.Directory> read;
        try
        {
            read = new ExifReader().Extract(new ByteArrayReader(tiff.ToArray()));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return; // a damaged block gives no facts; the movie is still read
        }
        foreach (var exif in read.Where(d => d is ExifIfd0Directory or ExifSubIfdDirectory))
        {
            foreach (var tag in CameraTags)
            {
                if (exif.ContainsTag(tag))
                    directory.SetFirst(tag, exif.GetObject(tag));
            }
        }
    }

    /// <summary>Copies the camera facts of the EXIF in a JPEG's APP1 segment (the JPEG starting at its SOI).</summary>
    public static void CopyFromJpeg(ReadOnlySpan<byte> jpeg, CameraExifDirectory directory)
    {
        if (App1Exif(jpeg) is { } tiff)
            CopyFromTiff(tiff, directory);
    }

    /// <summary>The TIFF block of the first APP1 "Exif" segment before the image data; null when there is none.</summary>
    public static byte[]? App1Exif(ReadOnlySpan<byte> jpeg) =>
        JpegExifSegment.Find(jpeg) is var (start, length) && start + length <= jpeg.Length ? jpeg.Slice(start, length).ToArray() : null;
}
