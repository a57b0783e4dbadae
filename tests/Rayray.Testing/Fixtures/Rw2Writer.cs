namespace Rayray.Testing.Fixtures;

/// <summary>
/// A Panasonic RW2: "IIU\0" (TIFF with the magic number 0x55), the RW2 signature, and an IFD0 in Panasonic's own
/// numbering — sensor size and borders (0x02-0x07), ISO (0x17), the camera's JPEG with its EXIF as JpgFromRaw
/// (0x2E), StripOffsets 0xFFFFFFFF, StripByteCounts the unpacked 16-bit size, and RawDataOffset (0x118) to the
/// packed data, which runs to the end of the file.
/// </summary>
public static class Rw2Writer
{
    /// <summary>The 16 bytes between the header and IFD0 that mark RW2 (and RWL) rather than Panasonic's older RAW.</summary>
    private static readonly byte[] Rw2Signature = [0x88, 0xE7, 0x74, 0xD8, 0xF8, 0x25, 0x1D, 0x4D, 0x94, 0x7A, 0x6E, 0x77, 0x82, 0x2B, 0x5D, 0x6A];

    public static byte[] Write(
        ExifSpec exif, (int Width, int Height) sensor, (int Top, int Left, int Bottom, int Right) borders, int rawBytes, uint? rawDataOffset = null)
    {
        var raw = new byte[rawBytes];
        Array.Fill(raw, (byte)0x5A);
        var ifd0 = new TiffIfd()
            .AddUndefined(0x0001, "0300"u8.ToArray())
            .AddShorts(0x0002, (ushort)sensor.Width)
            .AddShorts(0x0003, (ushort)sensor.Height)
            .AddShorts(0x0004, (ushort)borders.Top)
            .AddShorts(0x0005, (ushort)borders.Left)
            .AddShorts(0x0006, (ushort)borders.Bottom)
            .AddShorts(0x0007, (ushort)borders.Right)
            .AddShorts(0x000B, 34316)
            .AddShorts(0x0017, exif.Iso ?? (ushort)100)
            .AddUndefined(0x002E, TestImages.Jpeg(16, 12, exif))
            .AddAscii(0x010F, exif.Make ?? "Panasonic")
            .AddAscii(0x0110, exif.Model ?? "DMC-LX3")
            .AddLongs(0x0111, 0xFFFFFFFF)
            .AddShorts(0x0112, 1)
            .AddShorts(0x0116, (ushort)sensor.Height)
            .AddLongs(0x0117, (uint)(sensor.Width * sensor.Height * 2));
        if (rawDataOffset is { } offset)
            ifd0.AddLongs(0x0118, offset);
        else
            ifd0.AddDataOffsets(0x0118, [raw]);
        return TiffWriter.Write(ifd0, magic: 0x55, prefix: Rw2Signature);
    }
}
