namespace Rayray.Testing.Fixtures;

/// <summary>
/// A TIFF-based RAW laid out the way DNG and NEF files are: IFD0 holds the camera's EXIF and a small RGB preview
/// marked NewSubfileType 1, and a SubIFD (0x014A) holds the sensor image marked NewSubfileType 0 as one strip of
/// <paramref name="sensorData"/> (its byte count may claim more, as in a file cut short inside it).
/// </summary>
public static class RawTiffWriter
{
    public const ushort Dng = 1;
    public const ushort Nef = 2;

    public static byte[] Write(
        ExifSpec exif, ushort flavour, (int Width, int Height) preview, (int Width, int Height) sensor, byte[] sensorData, uint? claimedSensorBytes = null)
    {
        var ifd0 = ExifEncoder.ToIfd0(exif);
        var rgb = new byte[preview.Width * preview.Height * 3];
        Array.Fill(rgb, (byte)128);
        ifd0.AddLongs(0x00FE, 1)
            .AddLongs(0x0100, (uint)preview.Width)
            .AddLongs(0x0101, (uint)preview.Height)
            .AddShorts(0x0102, 8, 8, 8)
            .AddShorts(0x0103, 1)
            .AddShorts(0x0106, 2)
            .AddDataOffsets(0x0111, [rgb])
            .AddShorts(0x0115, 3)
            .AddLongs(0x0116, (uint)preview.Height)
            .AddLongs(0x0117, (uint)rgb.Length)
            .AddSubIfd(0x014A, SensorIfd(flavour, sensor, sensorData, claimedSensorBytes ?? (uint)sensorData.Length));
        if (flavour == Dng)
            ifd0.AddBytes(0xC612, 1, 4, 0, 0);
        return TiffWriter.Write(ifd0);
    }

    private static TiffIfd SensorIfd(ushort flavour, (int Width, int Height) sensor, byte[] data, uint byteCount) => new TiffIfd()
        .AddLongs(0x00FE, 0)
        .AddLongs(0x0100, (uint)sensor.Width)
        .AddLongs(0x0101, (uint)sensor.Height)
        .AddShorts(0x0102, flavour == Dng ? (ushort)16 : (ushort)12)
        .AddShorts(0x0103, flavour == Dng ? (ushort)7 : (ushort)34713)
        .AddShorts(0x0106, 32803)
        .AddDataOffsets(0x0111, [data])
        .AddShorts(0x0115, 1)
        .AddLongs(0x0116, (uint)sensor.Height)
        .AddLongs(0x0117, byteCount)
        .AddShorts(0x828D, 2, 2)
        .AddBytes(0x828E, 0, 1, 1, 2);
}
