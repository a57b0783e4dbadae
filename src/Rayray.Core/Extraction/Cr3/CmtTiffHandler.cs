using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Tiff;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction.Cr3;

/// <summary>
/// MetadataExtractor's Exif handling for a TIFF whose first IFD is not IFD0 (a CR3's CMT2, CMT3, CMT4): that IFD is
/// filed under the directory given (Exif IFD, Canon makernote, GPS IFD) — ExifTiffHandler would file it as IFD0 — and
/// no IFD chained after it is read, as it would be read as an image's IFD.
/// </summary>
internal sealed class CmtTiffHandler(List<Directory> directories, Directory firstDirectory) : ExifTiffHandler(directories)
{
    private const int StandardTiffMarker = 0x002A;

    public override void SetTiffMarker(int marker)
    {
        if (marker != StandardTiffMarker)
            throw new TiffProcessingException($"Unexpected TIFF marker: 0x{marker:X}");
        PushDirectory(firstDirectory);
    }

    public override bool HasFollowerIfd() => false;
}
