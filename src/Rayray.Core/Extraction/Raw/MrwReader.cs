using System.Globalization;
using System.Text;
using MetadataExtractor;
using MetadataExtractor.Formats.Tiff;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction.Raw;

/// <summary>
/// Konica Minolta MRW: "\0MRM" (big endian), the length of the metadata blocks that follow, then blocks of a
/// four-byte name and a length — PRD (picture dimensions: sensor height and width, image height and width,
/// raw bit depth, storage method), TTW (a TIFF holding the EXIF), WBG, RIF — and after them the raw data,
/// uncompressed, which is how a file cut short inside it shows.
/// </summary>
internal static class MrwReader
{
    private const int MaxBlocks = 64;
    private const int MaxTiffBlock = 16 * 1024 * 1024;
    private const byte StoragePadded = 0x52;
    private const byte StorageLinear = 0x59;

    public static MetadataReading.Result Read(Stream stream, long length)
    {
        var head = RawBytes.At(stream, length, 0, 8);
        if (head is null)
            return new([], "truncated: the file ends inside the MRW header");
        var order = head[3] == 'I' ? ByteOrder.Little : ByteOrder.Big;
        var dataOffset = 8L + order.U32(head, 4);

        var mrw = new CameraExifDirectory("MRW");
        var directories = new List<Directory> { mrw };
        long? rawBytes = null;
        string? damage = null;
        var at = 8L;
        for (var i = 0; at + 8 <= dataOffset && i < MaxBlocks; i++)
        {
            var block = RawBytes.At(stream, length, at, 8);
            var size = block is null ? 0 : order.U32(block, 4);
            if (block is null || !RawBytes.Inside(at + 8, size, length))
            {
                damage = string.Create(CultureInfo.InvariantCulture, $"truncated: the MRW block at offset {at} needs bytes up to {at + 8 + size} but the file ends at {length}");
                break;
            }
            switch (Encoding.Latin1.GetString(block, 0, 4))
            {
                case "\0PRD":
                    rawBytes = ReadPictureDimensions(RawBytes.At(stream, length, at + 8, Math.Min(size, 64u))!, order, mrw);
                    break;
                case "\0TTW":
                    directories.AddRange(ReadTiff(stream, length, at + 8, size, mrw));
                    break;
            }
            at += 8 + size;
        }

        if (damage is null && dataOffset + (rawBytes ?? 0) > length)
            damage = string.Create(CultureInfo.InvariantCulture, $"truncated: the raw data of the MRW needs bytes up to {dataOffset + (rawBytes ?? 0)} but the file ends at {length}");
        return new(directories, damage);
    }

    /// <summary>Stores PRD's sizes; returns how many bytes the raw data takes when the storage method says so.</summary>
    private static long? ReadPictureDimensions(byte[] prd, ByteOrder order, CameraExifDirectory mrw)
    {
        if (prd.Length < 16)
            return null;
        var (sensorHeight, sensorWidth) = (order.U16(prd, 8), order.U16(prd, 10));
        var (height, width) = (order.U16(prd, 12), order.U16(prd, 14));
        mrw.SetOwn("FirmwareID", Encoding.Latin1.GetString(prd, 0, 8).TrimEnd('\0', ' '));
        mrw.SetOwn("SensorHeight", (int)sensorHeight);
        mrw.SetOwn("SensorWidth", (int)sensorWidth);
        if (width > 0 && height > 0)
        {
            mrw.Set(CameraExifDirectory.ImageWidth, (int)width);
            mrw.Set(CameraExifDirectory.ImageHeight, (int)height);
        }
        if (prd.Length < 19)
            return null;
        // Padded stores each 12-bit sample in 16 bits, Linear packs them; anything else is not known well enough to check.
        var bits = (prd[16], prd[18]) switch
        {
            (16, StoragePadded) => 16,
            (12, StorageLinear) => 12,
            _ => 0,
        };
        return bits == 0 ? null : (long)sensorWidth * sensorHeight * bits / 8;
    }

    private static IReadOnlyList<Directory> ReadTiff(Stream stream, long length, long offset, uint size, CameraExifDirectory mrw)
    {
        if (RawBytes.At(stream, length, offset, size, MaxTiffBlock) is not { } tiff)
        {
            mrw.AddError("the MRW's TIFF block (TTW) is too large to read");
            return [];
        }
        try
        {
            return TiffMetadataReader.ReadMetadata(new MemoryStream(tiff, writable: false));
        }
        catch (Exception e) when (e is ImageProcessingException or IOException)
        {
            mrw.AddError($"the MRW's TIFF block (TTW) could not be read: {e.Message}");
            return [];
        }
    }
}
