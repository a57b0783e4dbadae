using System.Text;

namespace Rayray.Testing.Fixtures;

/// <summary>
/// A Phase One IIQ: a little-endian TIFF (IFD0 with the EXIF and a small preview) with the Phase One block right
/// after the header, as the cameras write it — "IIII", "TwaR", the offset of its directory, then a count and
/// entries of 16 bytes (tag, value size class, size, value or offset from the block's start): serial number
/// (0x102), ISO (0x105), sensor width and height (0x108, 0x109), image width and height (0x10C, 0x10D).
/// IFD0's MakerNote (0x927C) points at the block, which is how exiftool finds it.
/// </summary>
public static class IiqWriter
{
    public static byte[] Write(ExifSpec exif, (int Width, int Height) sensor, (int Width, int Height) image, string serial, int iso)
    {
        var ifd0 = ExifEncoder.ToIfd0(exif);
        var preview = new byte[8 * 6];
        ifd0.AddLongs(0x0100, 8)
            .AddLongs(0x0101, 6)
            .AddShorts(0x0102, 8)
            .AddShorts(0x0103, 1)
            .AddShorts(0x0106, 1)
            .AddDataOffsets(0x0111, [preview])
            .AddLongs(0x0116, 6)
            .AddLongs(0x0117, (uint)preview.Length);
        var block = PhaseOneBlock(sensor, image, serial, iso);
        ifd0.AddValuesAt(0x927C, TiffType.Undefined, (uint)block.Length, 8);
        return TiffWriter.Write(ifd0, prefix: block);
    }

    private static byte[] PhaseOneBlock((int Width, int Height) sensor, (int Width, int Height) image, string serial, int iso)
    {
        var serialBytes = Encoding.ASCII.GetBytes(serial + "\0");
        (uint Tag, uint Value)[] numbers =
        [
            (0x0105, (uint)iso), (0x0108, (uint)sensor.Width), (0x0109, (uint)sensor.Height),
            (0x010C, (uint)image.Width), (0x010D, (uint)image.Height),
        ];
        var block = new ByteBuffer(bigEndian: false);
        block.Ascii("IIIITwaR");
        block.U32(0);
        block.Bytes(serialBytes);
        block.Align(4);
        block.PatchU32(8, (uint)block.Length);
        block.U32(numbers.Length + 1);
        block.U32(0);
        block.U32(0x0102);
        block.U32(1);
        block.U32(serialBytes.Length);
        block.U32(12);
        foreach (var (tag, value) in numbers)
        {
            block.U32(tag);
            block.U32(4);
            block.U32(4);
            block.U32(value);
        }
        return block.ToArray();
    }
}
