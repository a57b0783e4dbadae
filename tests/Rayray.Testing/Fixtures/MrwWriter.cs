namespace Rayray.Testing.Fixtures;

/// <summary>
/// A Konica Minolta MRW: "\0MRM", the length of the blocks, a PRD block (firmware, sensor height and width, image
/// height and width, raw depth 12, bit depth 12, storage "Linear" 0x59, Bayer pattern), a TTW block (a big-endian
/// TIFF with the EXIF), a WBG block, then the sensor data packed 12 bits a sample — of which
/// <paramref name="missingRawBytes"/> are left off, as in a file cut short.
/// </summary>
public static class MrwWriter
{
    public static byte[] Write(ExifSpec exif, (int Width, int Height) sensor, (int Width, int Height) image, int missingRawBytes = 0)
    {
        var blocks = new ByteBuffer(bigEndian: true);
        var prd = new ByteBuffer(bigEndian: true);
        prd.Ascii("21810002");
        prd.U16(sensor.Height);
        prd.U16(sensor.Width);
        prd.U16(image.Height);
        prd.U16(image.Width);
        prd.Bytes([12, 12, 0x59, 0, 0, 1]);
        prd.Zeros(2);
        Block(blocks, "\0PRD", prd.ToArray());
        Block(blocks, "\0TTW", ExifEncoder.ToTiff(exif, bigEndian: true));
        Block(blocks, "\0WBG", [0, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1, 0]);

        var file = new ByteBuffer(bigEndian: true);
        file.Ascii("\0MRM");
        file.U32(blocks.Length);
        file.Bytes(blocks.ToArray());
        file.Zeros(Math.Max(0, (sensor.Width * sensor.Height * 3 / 2) - missingRawBytes));
        return file.ToArray();
    }

    private static void Block(ByteBuffer blocks, string name, byte[] payload)
    {
        blocks.Ascii(name);
        blocks.U32(payload.Length);
        blocks.Bytes(payload);
    }
}
