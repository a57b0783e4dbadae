using System.Buffers.Binary;

namespace Rayray.Core.Extraction.IsoMedia.MakerBoxes;

/// <summary>
/// GoPro's user data: 'FIRM', the firmware version; 'LENS' and 'CAME', the lens serial number and a hash of the
/// camera's (kept for metadataRaw); and 'GPMF', GoPro's key-length-value metadata (a four-character
/// key, a type, a size and a repeat count, the value padded to four bytes; type 0 nests), whose 'MINF' is the camera
/// model ("HERO7 Black") — exiftool's QuickTime UserData and GoPro::GPMF tables. The make is GoPro's by the format.
/// </summary>
internal static class GoProBoxes
{
    private const int MaxDepth = 4;
    private const int MaxEntries = 4096;
    private const byte Nested = 0;
    private const byte Characters = (byte)'c';

    public static void ReadUserData(string type, ReadOnlySpan<byte> payload, CameraExifDirectory directory)
    {
        switch (type)
        {
            case "FIRM":
                directory.SetFirst(CameraExifDirectory.Software, BinaryTagBoxes.Text(payload, 0, payload.Length));
                return;
            case "LENS" when BinaryTagBoxes.Text(payload, 0, payload.Length) is { } lens:
                directory.SetOwn("LensSerialNumber", lens);
                return;
            case "CAME" when payload.Length is > 0 and <= 64:
                directory.SetOwn("SerialNumberHash", Convert.ToHexStringLower(payload));
                return;
            case not "GPMF":
                return;
        }
        var entries = 0;
        if (Find(payload, "MINF"u8, 0, ref entries) is { } model)
        {
            directory.SetFirst(CameraExifDirectory.Make, "GoPro");
            directory.SetFirst(CameraExifDirectory.Model, model);
        }
    }

    /// <summary>The text of the first entry with the key, depth first; null when there is none.</summary>
    private static string? Find(ReadOnlySpan<byte> klv, ReadOnlySpan<byte> key, int depth, ref int entries)
    {
        var at = 0;
        while (at + 8 <= klv.Length && ++entries <= MaxEntries)
        {
            var type = klv[at + 4];
            var length = klv[at + 5] * BinaryPrimitives.ReadUInt16BigEndian(klv[(at + 6)..]);
            if (length > klv.Length - at - 8)
                return null;
            var value = klv.Slice(at + 8, length);
            if (type == Nested && depth < MaxDepth && Find(value, key, depth + 1, ref entries) is { } nested)
                return nested;
            if (type == Characters && klv.Slice(at, 4).SequenceEqual(key))
                return BinaryTagBoxes.Text(value, 0, value.Length);
            at += 8 + ((length + 3) & ~3);
        }
        return null;
    }
}
