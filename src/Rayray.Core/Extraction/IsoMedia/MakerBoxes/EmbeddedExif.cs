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

    private static ReadOnlySpan<byte> ExifHeader => "Exif\0\0"u8;

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
    public static byte[]? App1Exif(ReadOnlySpan<byte> jpeg)
    {
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
            return null;
        var at = 2;
        while (at + 4 <= jpeg.Length && jpeg[at] == 0xFF)
        {
            var marker = jpeg[at + 1];
            if (marker is 0xDA or 0xD9)
                return null; // the image data (or its end) comes before any EXIF
            var length = (jpeg[at + 2] << 8) | jpeg[at + 3];
            if (length < 2 || at + 2 + length > jpeg.Length)
                return null;
            var segment = jpeg.Slice(at + 4, length - 2);
            if (marker == 0xE1 && segment.StartsWith(ExifHeader))
                return segment[ExifHeader.Length..].ToArray();
            at += 2 + length;
        }
        return null;
    }
}
