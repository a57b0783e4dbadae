namespace Rayray.Core.Extraction.IsoMedia.MakerBoxes;

/// <summary>
/// Panasonic's 'PANA' (and Leica's 'LEIC') box in the user data of their cameras' MP4 movies, as exiftool's
/// Panasonic::PANA reads it: the model at offset 4 (or 0x0c; Leica's make at 0 and model at 0x16), and the camera's
/// EXIF as a JPEG APP1 segment at 0x4068 (at 0x10 in some models).
/// </summary>
internal static class PanasonicBox
{
    private const int ExifAt = 0x4068;
    private const int EarlyExifAt = 0x10;

    public static CameraExifDirectory? Read(ReadOnlySpan<byte> pana)
    {
        var directory = new CameraExifDirectory("Panasonic PANA");
        var make = BinaryTagBoxes.Text(pana, 0, 22);
        var leica = make is not null && (make.StartsWith("LEICA", StringComparison.Ordinal) || make.StartsWith("Panasonic", StringComparison.Ordinal));
        if (leica)
        {
            directory.Set(CameraExifDirectory.Make, make!);
            directory.SetFirst(CameraExifDirectory.Model, BinaryTagBoxes.Text(pana, 0x16, 30));
        }
        else if ((ModelAt(pana, 0x04) ?? ModelAt(pana, 0x0C)) is { } model)
        {
            directory.Set(CameraExifDirectory.Model, model);
        }
        foreach (var at in (ReadOnlySpan<int>)[ExifAt, EarlyExifAt])
        {
            // An APP1 segment's marker, its length, "Exif\0\0", then the TIFF block up to the end of the box.
            if (pana.Length > at + 12 && pana.Slice(at, 4).SequenceEqual((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF, 0xE1]) &&
                pana.Slice(at + 6, 6).SequenceEqual("Exif\0\0"u8))
            {
                EmbeddedExif.CopyFromTiff(pana[(at + 12)..], directory);
                break;
            }
        }
        return directory.TagCount > 0 ? directory : null;
    }

    /// <summary>A model name where exiftool looks for one: 16 bytes, the first six of them not NUL.</summary>
    private static string? ModelAt(ReadOnlySpan<byte> pana, int at) =>
        pana.Length >= at + 16 && !pana.Slice(at, 6).Contains((byte)0) ? BinaryTagBoxes.Text(pana, at, 16) : null;
}
