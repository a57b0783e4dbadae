using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction.Integrity;

/// <summary>
/// Checks that the image data a TIFF (or TIFF-based RAW) points at lies inside the file: a strip
/// or tile that ends past the end of the file means the file was cut short.
/// </summary>
public static class TiffStructure
{
    private const int StripOffsets = 0x0111;
    private const int StripByteCounts = 0x0117;
    private const int TileOffsets = 0x0144;
    private const int TileByteCounts = 0x0145;

    public static string? Check(IEnumerable<Directory> directories, long fileLength, bool requireImageData)
    {
        var sawImageData = false;
        foreach (var directory in directories)
        {
            if (directory is not (ExifIfd0Directory or ExifImageDirectory or PanasonicRawIfd0Directory))
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
