using System.Buffers.Binary;

namespace Rayray.Core.Extraction.Cr3;

/// <summary>
/// Where a CR3's thumbnail is: the 'THMB' box in Canon's metadata box in 'moov' holds a 160×120 JPEG after a 16-byte
/// header (version and flags, width and height, the JPEG's length, 4 bytes more), as exiftool's Canon.pm reads it.
/// Only box headers are read on the way (from the bytes in memory, for a CR3's moov is at its start).
/// </summary>
internal static class Cr3Thumbnail
{
    private const int HeaderLength = 16;

    public static (long Offset, int Length)? Locate(Stream stream, long fileLength)
    {
        if (First(StreamBox.Children(stream, 0, fileLength, 64), b => b.Type == "moov") is not { } moov)
            return null;
        var moovEnd = moov.EndWithin(fileLength);
        if (First(StreamBox.Children(stream, moov.PayloadStart, moovEnd, 256), b => b.Type == "uuid" && b.HasUuid(stream, CanonMetadataBox.Uuid, moovEnd)) is not { } canon)
            return null;
        var canonEnd = canon.EndWithin(moovEnd);
        if (First(StreamBox.Children(stream, canon.PayloadStart + CanonMetadataBox.Uuid.Length, canonEnd, 1024), b => b.Type == "THMB") is not { } thumbnail
            || !thumbnail.FitsWithin(canonEnd))
            return null;
        Span<byte> header = stackalloc byte[HeaderLength + 2];
        stream.Position = thumbnail.PayloadStart;
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
            return null;
        long length = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
        var start = thumbnail.PayloadStart + HeaderLength;
        if (header[HeaderLength] != 0xFF || header[HeaderLength + 1] != 0xD8 || length > Similarity.ExifThumbnail.MaxLength || start + length > thumbnail.EndWithin(canonEnd))
            return null;
        return (start, (int)length);
    }

    private static StreamBox? First(IEnumerable<StreamBox> boxes, Func<StreamBox, bool> wanted)
    {
        foreach (var box in boxes)
        {
            if (!box.IsImpossible && wanted(box))
                return box;
        }
        return null;
    }
}
