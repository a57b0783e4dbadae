using MetadataExtractor.Formats.Exif.Makernotes;
using Rayray.Core.Extraction.Xmp;

namespace Rayray.Core.Normalization;

/// <summary>
/// The burst a picture was shot in, as the camera marked it: Apple's BurstUUID in its maker note
/// (iPhone bursts), or Google's <c>GCamera:BurstID</c> in the XMP (Pixel bursts). Cameras that only
/// number the frames of a continuous drive (Canon, Sony) give no id to group by, so they are not read.
/// </summary>
internal static class BurstReader
{
    private const string GoogleCamera = "http://ns.google.com/photos/1.0/camera/";

    public static string? Read(MetadataView view) =>
        Clean(TagValues.Text(view.First<AppleMakernoteDirectory>(), AppleMakernoteDirectory.TagBurstUuid))
        ?? Clean(view.Xmp?.Simple(GoogleCamera, "BurstID"));

    private static string? Clean(string? id) => string.IsNullOrWhiteSpace(id) ? null : id.Trim();
}
