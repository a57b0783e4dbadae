namespace Rayray.Core.Extraction;

/// <summary>The first APP1 "Exif" segment of a JPEG, found by walking its markers up to the image data.</summary>
internal static class JpegExifSegment
{
    private static ReadOnlySpan<byte> ExifHeader => "Exif\0\0"u8;

    /// <summary>
    /// Where the segment's TIFF block starts (just after <c>Exif\0\0</c>, where the TIFF offsets count from) and how
    /// long the segment says it is; null when the image data comes first. Given only a JPEG's head, the block may run
    /// past its end.
    /// </summary>
    public static (int Start, int Length)? Find(ReadOnlySpan<byte> jpeg)
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
            if (length < 2)
                return null;
            var payload = at + 4;
            if (marker == 0xE1 && length - 2 >= ExifHeader.Length && payload + ExifHeader.Length <= jpeg.Length && jpeg.Slice(payload, ExifHeader.Length).SequenceEqual(ExifHeader))
                return (payload + ExifHeader.Length, length - 2 - ExifHeader.Length);
            at += 2 + length;
        }
        return null;
    }
}
