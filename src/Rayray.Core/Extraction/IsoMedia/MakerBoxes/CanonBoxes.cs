using Rayray.Core.Extraction.Heif;

namespace Rayray.Core.Extraction.IsoMedia.MakerBoxes;

/// <summary>
/// Canon's boxes in its cameras' movies (exiftool's QuickTime UserData and Canon::uuid tables): in the user data, the
/// model ('CNMN'), the firmware ('CNFV'), the compressor ('CNCV') and 'CNTH', whose 'CNDA' is the THM thumbnail JPEG
/// with the camera's EXIF; in the movie box, a 'uuid' box (85c0b687-820f-11e0-8111-f4ce462b6a48) holding CNCV, CNTH
/// and the EXIF of the photo cameras' movies as TIFF blocks ('CMT1' IFD0, 'CMT2' the Exif IFD).
/// </summary>
internal static class CanonBoxes
{
    private static ReadOnlySpan<byte> Uuid => [0x85, 0xC0, 0xB6, 0x87, 0x82, 0x0F, 0x11, 0xE0, 0x81, 0x11, 0xF4, 0xCE, 0x46, 0x2B, 0x6A, 0x48];

    /// <summary>A Canon box of the user data, into the Canon directory.</summary>
    public static void ReadUserData(string type, ReadOnlySpan<byte> payload, CameraExifDirectory directory)
    {
        switch (type)
        {
            case "CNMN":
                directory.SetFirst(CameraExifDirectory.Model, Text(payload));
                break;
            case "CNFV" when Text(payload) is { } firmware:
                directory.SetOwn("FirmwareVersion", firmware);
                break;
            case "CNCV" when Text(payload) is { } compressor:
                directory.SetOwn("CompressorVersion", compressor);
                break;
            case "CNTH":
                ReadThumbnail(payload, directory);
                break;
        }
    }

    /// <summary>A 'uuid' box of the movie; false when it is not Canon's.</summary>
    public static bool ReadUuid(ReadOnlySpan<byte> payload, Func<CameraExifDirectory> directory)
    {
        if (!payload.StartsWith(Uuid))
            return false;
        var boxes = payload[Uuid.Length..];
        foreach (var box in IsoBox.Children(boxes, 0, boxes.Length))
        {
            var content = boxes.Slice(box.PayloadStart, box.PayloadLength);
            switch (box.Type)
            {
                case "CMT1" or "CMT2":
                    EmbeddedExif.CopyFromTiff(content, directory());
                    break;
                case "CNCV" or "CNTH":
                    ReadUserData(box.Type, content, directory());
                    break;
            }
        }
        return true;
    }

    private static void ReadThumbnail(ReadOnlySpan<byte> cnth, CameraExifDirectory directory)
    {
        foreach (var box in IsoBox.Children(cnth, 0, cnth.Length))
        {
            if (box.Type == "CNDA")
                EmbeddedExif.CopyFromJpeg(cnth.Slice(box.PayloadStart, box.PayloadLength), directory);
        }
    }

    private static string? Text(ReadOnlySpan<byte> payload) => BinaryTagBoxes.Text(payload, 0, payload.Length);
}
