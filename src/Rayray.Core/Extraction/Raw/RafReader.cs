using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using MetadataExtractor;
using MetadataExtractor.Formats.Jpeg;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction.Raw;

/// <summary>
/// Fujifilm RAF: a big-endian header ("FUJIFILMCCD-RAW ", versions, camera model) whose pointers lead to the
/// embedded JPEG (at 0x54: offset, length — its EXIF has the camera settings), the RAF directory (0x5C) and
/// the raw data (0x64). The directory is a count and records of tag, length and value; the picture's size
/// is RawImageCroppedSize (0x111, height then width), which exiftool's ImageSize reports for RAF.
/// </summary>
internal static class RafReader
{
    private const int JpegPointer = 0x54;
    private const int DirectoryPointer = 0x5C;
    private const int RawDataPointer = 0x64;
    private const int HeaderLength = 0x94;
    private const int MaxRecords = 255;

    private const int RawImageFullSize = 0x100;
    private const int RawImageCroppedSize = 0x111;
    private const int RawImageSize = 0x121;
    private const int FujiLayout = 0x130;

    public static MetadataReading.Result Read(Stream stream, long length)
    {
        var header = RawBytes.At(stream, length, 0, Math.Min(length, HeaderLength));
        if (header is null || header.Length < RawDataPointer)
            return new([], "truncated: the file ends inside the RAF header");

        var raf = new CameraExifDirectory("RAF");
        raf.SetOwn("RAFVersion", Encoding.Latin1.GetString(header, 0x3C, 4));
        var (jpegOffset, jpegLength) = Pointer(header, JpegPointer);
        var damage = Outside("the embedded JPEG", jpegOffset, jpegLength, length);
        // Older headers end where the JPEG begins, so a pointer slot counts only when it lies before it.
        if (damage is null && RawDataPointer + 8 <= Math.Min(jpegOffset, header.Length))
        {
            var (rawOffset, rawLength) = Pointer(header, RawDataPointer);
            damage = Outside("the raw data", rawOffset, rawLength, length);
        }
        if (DirectoryPointer + 4 <= Math.Min(jpegOffset, header.Length))
            ReadDirectory(stream, length, Pointer(header, DirectoryPointer).Offset, raf);

        var directories = new List<Directory>(ReadJpeg(stream, length, jpegOffset, raf)) { raf };
        return new(directories, damage);
    }

    private static (long Offset, long Length) Pointer(byte[] header, int at) =>
        (BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(at)),
         at + 8 <= header.Length ? BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(at + 4)) : 0);

    private static string? Outside(string what, long offset, long count, long fileLength) =>
        offset == 0 || RawBytes.Inside(offset, count, fileLength)
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"truncated: {what} of the RAF needs bytes up to {offset + count} but the file ends at {fileLength}");

    private static void ReadDirectory(Stream stream, long length, long offset, CameraExifDirectory raf)
    {
        if (offset == 0)
            return;
        var count = RawBytes.At(stream, length, offset, 4) is { } c ? BinaryPrimitives.ReadUInt32BigEndian(c) : uint.MaxValue;
        if (count > MaxRecords)
        {
            raf.AddError(string.Create(CultureInfo.InvariantCulture, $"the RAF directory at offset {offset} is not readable"));
            return;
        }
        int[]? full = null, cropped = null, size = null;
        var layout = 0;
        var at = offset + 4;
        for (var i = 0; i < count; i++)
        {
            var record = RawBytes.At(stream, length, at, 4);
            var value = record is null ? null : RawBytes.At(stream, length, at + 4, BinaryPrimitives.ReadUInt16BigEndian(record.AsSpan(2)));
            if (value is null)
            {
                raf.AddError(string.Create(CultureInfo.InvariantCulture, $"the RAF directory's record {i} runs past the end of the file"));
                break;
            }
            switch (BinaryPrimitives.ReadUInt16BigEndian(record))
            {
                case RawImageFullSize when value.Length >= 4: full = WidthHeight(value); break;
                case RawImageCroppedSize when value.Length >= 4: cropped = WidthHeight(value); break;
                case RawImageSize when value.Length >= 4: size = WidthHeight(value); break;
                case FujiLayout when value.Length >= 1: layout = value[0] >> 7; break;
            }
            at += 4 + value.Length;
        }

        if (full is not null)
            raf.SetOwn("RawImageFullSize", full);
        if (size is not null)
            raf.SetOwn("RawImageSize", layout == 1 ? [size[0] / 2, size[1] * 2] : size);
        if (cropped is not null)
        {
            raf.SetOwn("RawImageCroppedSize", cropped);
            if (cropped[0] > 0 && cropped[1] > 0)
            {
                raf.Set(CameraExifDirectory.ImageWidth, cropped[0]);
                raf.Set(CameraExifDirectory.ImageHeight, cropped[1]);
            }
        }
    }

    /// <summary>RAF stores sizes height first; rayray, like exiftool, shows width first.</summary>
    private static int[] WidthHeight(byte[] value) =>
        [BinaryPrimitives.ReadUInt16BigEndian(value.AsSpan(2)), BinaryPrimitives.ReadUInt16BigEndian(value)];

    private static IReadOnlyList<Directory> ReadJpeg(Stream stream, long length, long offset, CameraExifDirectory raf)
    {
        if (offset == 0 || !RawBytes.Inside(offset, 3, length))
            return [];
        try
        {
            stream.Position = offset;
            return JpegMetadataReader.ReadMetadata(stream, MetadataReading.JpegReaders);
        }
        catch (Exception e) when (e is ImageProcessingException or IOException and not ReadBudgetExceededException)
        {
            raf.AddError($"the embedded JPEG could not be read: {e.Message}");
            return [];
        }
    }
}
