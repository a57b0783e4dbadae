using System.Buffers.Binary;
using System.Text;
using MetadataExtractor.Formats.Jpeg;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction.Legacy;

/// <summary>
/// Canon's Camera Image File Format (CIFF): the container of CRW RAW files (D30 to 300D) and of the
/// APP0 block early PowerShots wrote into their JPEGs. A heap ends with the offset of its record
/// table; each record is a 16-bit tag, a size and an offset, or 8 bytes of inline data; some
/// records are heaps themselves.
/// </summary>
public sealed class CiffReader : IJpegSegmentMetadataReader
{
    private const int MaxDepth = 8;
    private const int MaxRecords = 4096;

    public ICollection<JpegSegmentType> SegmentTypes { get; } = [JpegSegmentType.App0];

    public IReadOnlyList<Directory> ReadJpegSegments(IEnumerable<JpegSegment> segments)
    {
        var directories = new List<Directory>();
        foreach (var segment in segments)
        {
            if (Read(segment.Bytes) is { } directory)
                directories.Add(directory);
        }
        return directories;
    }

    /// <summary>Reads a CIFF block that starts at the beginning of <paramref name="data"/>; null when it is not one.</summary>
    public static CameraExifDirectory? Read(byte[] data)
    {
        if (data.Length < 26 || !(data[0] == 'I' && data[1] == 'I' || data[0] == 'M' && data[1] == 'M'))
            return null;
        if (!data.AsSpan(6, 4).SequenceEqual("HEAP"u8))
            return null;
        var little = data[0] == 'I';
        var headerLength = (int)U32(data, 2, little);
        if (headerLength < 14 || headerLength >= data.Length)
            return null;

        var directory = new CameraExifDirectory("CIFF");
        try
        {
            ReadHeap(data, headerLength, data.Length - headerLength, little, directory, 0);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or IndexOutOfRangeException)
        {
            directory.AddError($"CIFF heap is damaged: {e.Message}");
        }
        return directory.TagCount > 0 || directory.HasError ? directory : null;
    }

    private static void ReadHeap(byte[] data, int start, int length, bool little, CameraExifDirectory directory, int depth)
    {
        if (depth > MaxDepth || length < 6 || start + length > data.Length)
            return;
        var tableOffset = (int)U32(data, start + length - 4, little);
        if (tableOffset < 0 || tableOffset + 2 > length)
            return;
        var table = start + tableOffset;
        var count = Math.Min((int)U16(data, table, little), MaxRecords);
        for (var i = 0; i < count; i++)
        {
            var at = table + 2 + (10 * i);
            if (at + 10 > start + length)
                return;
            var tag = U16(data, at, little);
            var size = (int)U32(data, at + 2, little);
            var offset = (int)U32(data, at + 6, little);
            var kind = tag & 0x3800;
            var id = tag & 0x3FFF;
            int valueStart, valueLength;
            if ((tag & 0xC000) == 0x4000)
            {
                valueStart = at + 2;
                valueLength = 8;
            }
            else
            {
                valueStart = start + offset;
                valueLength = size;
                if (offset < 0 || size < 0 || offset + size > length)
                    continue;
            }

            if (kind is 0x2800 or 0x3000)
            {
                ReadHeap(data, valueStart, valueLength, little, directory, depth + 1);
                continue;
            }
            var value = data.AsSpan(valueStart, valueLength);
            switch (id)
            {
                case 0x080A: // MakeModel: "make\0model\0"
                    var parts = Encoding.Latin1.GetString(value).Split('\0', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (parts.Length > 0) directory.Set(CameraExifDirectory.Make, parts[0]);
                    if (parts.Length > 1) directory.Set(CameraExifDirectory.Model, parts[1]);
                    break;
                case 0x0810 when value.Length > 0: // OwnerName
                    var owner = Encoding.Latin1.GetString(value).TrimEnd('\0').Trim();
                    if (owner.Length > 0) directory.Set(CameraExifDirectory.Artist, owner);
                    break;
                case 0x180E when value.Length >= 4: // TimeStamp: Unix seconds of the camera's clock
                    directory.SetUnixWallClock(CameraExifDirectory.DateTimeOriginal, U32(data, valueStart, little));
                    break;
                case 0x1810 when value.Length >= 8: // ImageInfo: width, height
                    directory.Set(CameraExifDirectory.ImageWidth, (int)U32(data, valueStart, little));
                    directory.Set(CameraExifDirectory.ImageHeight, (int)U32(data, valueStart + 4, little));
                    break;
                case 0x1818 when value.Length >= 12: // ExposureInfo: compensation, Tv, Av as APEX floats
                    var tv = Single(data, valueStart + 4, little);
                    var av = Single(data, valueStart + 8, little);
                    if (float.IsFinite(tv) && Math.Abs(tv) < 64) directory.Set(CameraExifDirectory.ExposureTime, Math.Pow(2, -tv));
                    if (float.IsFinite(av) && av is > 0 and < 64) directory.Set(CameraExifDirectory.FNumber, Math.Pow(2, av / 2.0));
                    break;
                case 0x1029 when value.Length >= 4: // FocalLength: type, focal length in mm, …
                    var focal = U16(data, valueStart + 2, little);
                    if (focal > 0) directory.Set(CameraExifDirectory.FocalLength, (double)focal);
                    break;
            }
        }
    }

    private static ushort U16(byte[] data, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(at)) : BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(at));

    private static uint U32(byte[] data, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(at));

    private static float Single(byte[] data, int at, bool little) =>
        little ? BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan(at)) : BinaryPrimitives.ReadSingleBigEndian(data.AsSpan(at));
}
