using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Exif.Makernotes;
using MetadataExtractor.Formats.Tiff;
using MetadataExtractor.IO;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction.Cr3;

/// <summary>
/// The TIFF in one of a CR3's CMT boxes, read with MetadataExtractor's TIFF reader into the directories rayray's
/// normalizer reads for every format: CMT1 is an ordinary TIFF (IFD0), CMT2 the Exif IFD, CMT3 the Canon makernote
/// (its offsets count from the TIFF header, as in a TIFF), CMT4 the GPS IFD.
/// </summary>
internal static class CmtTiff
{
    public static readonly string[] Boxes = ["CMT1", "CMT2", "CMT3", "CMT4"];

    /// <summary>Adds the box's directories to <paramref name="directories"/>; what it cannot read is an error on them, never an exception.</summary>
    public static void Read(string box, byte[] tiff, List<Directory> directories)
    {
        var first = directories.Count;
        ExifTiffHandler handler = box switch
        {
            "CMT2" => new CmtTiffHandler(directories, new ExifSubIfdDirectory()),
            "CMT3" => new CmtTiffHandler(directories, new CanonMakernoteDirectory()),
            "CMT4" => new CmtTiffHandler(directories, new GpsDirectory()),
            _ => new ExifTiffHandler(directories),
        };
        try
        {
            TiffReader.ProcessTiff(new ByteArrayReader(tiff), handler);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The TIFF is in memory: whatever MetadataExtractor throws is about these bytes, and the other boxes are still read.
            var message = $"the CR3's '{box}' box is not a readable TIFF ({e.Message})";
            if (directories.Count > first)
                directories[first].AddError(message);
            else
                directories.Add(new ErrorDirectory(message));
        }
    }
}
