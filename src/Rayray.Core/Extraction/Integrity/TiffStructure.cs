using System.Globalization;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction.Integrity;

/// <summary>
/// Checks that the image data a TIFF (or TIFF-based RAW) points at lies inside the file: a strip
/// or tile that ends past the end of the file means the file was cut short. The sub-IFDs count too:
/// DNG, NEF, ARW and others keep the sensor image there, usually at the end of the file.
/// </summary>
public static class TiffStructure
{
    private const int StripOffsets = 0x0111;
    private const int StripByteCounts = 0x0117;
    private const int PanasonicRawDataOffset = 0x0118;
    private const int TileOffsets = 0x0144;
    private const int TileByteCounts = 0x0145;
    private const uint PanasonicNoStrip = 0xFFFFFFFF;

    public static string? Check(IEnumerable<Directory> directories, long fileLength, bool requireImageData)
    {
        var sawImageData = false;
        foreach (var directory in directories)
        {
            if (directory is PanasonicRawIfd0Directory)
            {
                if (PanasonicRawData(directory, fileLength, ref sawImageData) is { } damage)
                    return damage;
                continue;
            }
            if (directory is not (ExifIfd0Directory or ExifImageDirectory or ExifSubIfdDirectory))
                continue;
            foreach (var (offsetsTag, countsTag) in new[] { (StripOffsets, StripByteCounts), (TileOffsets, TileByteCounts) })
            {
                var offsets = ReadLongs(directory, offsetsTag);
                var counts = ReadLongs(directory, countsTag);
                if (offsets is null || counts is null)
                    continue;
                sawImageData = true;
                for (var i = 0; i < Math.Min(offsets.Length, counts.Length); i++)
                {
                    var end = offsets[i] + counts[i];
                    if (offsets[i] < 0 || counts[i] < 0 || end > fileLength)
                        return $"truncated: image data in {directory.Name} needs bytes up to {end} but the file ends at {fileLength}";
                }
            }
        }
        return sawImageData || !requireImageData ? null : "damaged: no image data (no strips or tiles) in any image directory";
    }

    /// <summary>
    /// Panasonic RW2/RWL (and RAW): the packed sensor data starts at RawDataOffset (StripOffsets is 0xFFFFFFFF in most
    /// models, or the same offset) and runs to the end of the file. Its length is recorded nowhere: StripByteCounts is
    /// the size of the unpacked 16-bit samples (or 0), far more than the file holds, so only a file that ends before
    /// the data starts shows as cut. exiftool takes the data to end at the end of the file in the same way.
    /// </summary>
    private static string? PanasonicRawData(Directory directory, long fileLength, ref bool sawImageData)
    {
        long? start = ReadLongs(directory, PanasonicRawDataOffset) is [var rawDataOffset, ..] ? rawDataOffset
            : ReadLongs(directory, StripOffsets) is [var strip, ..] && strip != PanasonicNoStrip ? strip
            : null;
        if (start is not { } offset)
            return null;
        sawImageData = true;
        return offset < fileLength
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"truncated: the raw data in {directory.Name} starts at byte {offset} but the file ends at {fileLength}");
    }

    private static long[]? ReadLongs(Directory directory, int tag) => directory.GetObject(tag) switch
    {
        null => null,
        int[] v => Array.ConvertAll(v, x => (long)(uint)x),
        uint[] v => Array.ConvertAll(v, x => (long)x),
        ushort[] v => Array.ConvertAll(v, x => (long)x),
        short[] v => Array.ConvertAll(v, x => (long)(ushort)x),
        long[] v => v,
        int v => [(uint)v],
        uint v => [v],
        ushort v => [v],
        short v => [(ushort)v],
        long v => [v],
        _ => null,
    };
}
