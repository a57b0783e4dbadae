using System.Text;

namespace Rayray.Core.Extraction.Raw;

/// <summary>
/// The Phase One directory of an IIQ (a TIFF whose EXIF makernote points at it): within the file's first 32
/// bytes, "IIII" or "MMMM" and a "Raw" marker, the offset of the directory (from the block's start), then a
/// count and entries of 16 bytes — tag, value size class, size, value or offset. Tag 0x010C/0x010D is the
/// picture's width and height, which exiftool's ImageWidth reports for IIQ.
/// </summary>
internal static class PhaseOneReader
{
    private const int MaxEntries = 300;

    public static CameraExifDirectory? Read(Stream stream, long length)
    {
        var head = RawBytes.At(stream, length, 0, Math.Min(length, 32))!;
        var at = head.AsSpan().IndexOf("IIII"u8);
        if (at < 0)
            at = head.AsSpan().IndexOf("MMMM"u8);
        if (at < 0 || at + 12 > head.Length)
            return null;
        var order = head[at] == 'I' ? ByteOrder.Little : ByteOrder.Big;
        if (order.U32(head, at + 4) >> 8 != 0x526177) // "Raw"
            return null;

        var phaseOne = new CameraExifDirectory("PhaseOne");
        var directory = at + (long)order.U32(head, at + 8);
        var count = RawBytes.At(stream, length, directory, 4) is { } c ? order.U32(c, 0) : uint.MaxValue;
        var entries = count <= MaxEntries ? RawBytes.At(stream, length, directory + 8, 16 * count) : null;
        if (entries is null)
        {
            phaseOne.AddError("the Phase One directory lies outside the file");
            return phaseOne;
        }
        for (var i = 0; i < entries.Length; i += 16)
        {
            var tag = order.U32(entries, i);
            var size = order.U32(entries, i + 8);
            var data = order.U32(entries, i + 12);
            switch (tag)
            {
                case 0x0102 when (size <= 4 ? entries[(i + 12)..(i + 12 + (int)size)] : RawBytes.At(stream, length, at + (long)data, size, 256)) is { } serial:
                    phaseOne.SetText(CameraExifDirectory.BodySerialNumber, Encoding.Latin1.GetString(serial));
                    break;
                case 0x0105 when data is > 0 and < 10_000_000:
                    phaseOne.Set(CameraExifDirectory.IsoSpeedRatings, (int)data);
                    break;
                case 0x0108 or 0x0109 when data is > 0 and <= int.MaxValue:
                    phaseOne.SetOwn(tag == 0x0108 ? "SensorWidth" : "SensorHeight", (int)data);
                    break;
                case 0x010C when data is > 0 and <= int.MaxValue:
                    phaseOne.Set(CameraExifDirectory.ImageWidth, (int)data);
                    break;
                case 0x010D when data is > 0 and <= int.MaxValue:
                    phaseOne.Set(CameraExifDirectory.ImageHeight, (int)data);
                    break;
                case 0x0112:
                    phaseOne.SetUnixWallClock(CameraExifDirectory.DateTimeOriginal, data);
                    break;
            }
        }
        return phaseOne;
    }
}
