using System.Text;

namespace Rayray.Testing.Fixtures;

/// <summary>
/// A Fujifilm RAF: the big-endian header ("FUJIFILMCCD-RAW 0201", camera ID, model, RAF version "0100") with
/// the offsets and lengths of the embedded JPEG (0x54, a JPEG with the EXIF), the RAF directory (0x5C: a count
/// and records of tag, length, value — RawImageFullSize 0x100, RawImageCroppedSize 0x111, RawImageSize 0x121,
/// FujiLayout 0x130, sizes height first) and the raw data (0x64), which ends the file.
/// </summary>
public static class RafWriter
{
    public static byte[] Write(ExifSpec exif, string model, (int Width, int Height) full, (int Width, int Height)? cropped, int rawBytes = 256)
    {
        var jpeg = TestImages.Jpeg(16, 12, exif);
        var directory = Directory(full, cropped);
        const int JpegAt = 0x94;
        var directoryAt = JpegAt + jpeg.Length + (4 - (jpeg.Length % 4));
        var rawAt = directoryAt + directory.Length;

        var file = new ByteBuffer(bigEndian: true);
        file.Ascii("FUJIFILMCCD-RAW 0201FF383501");
        file.Bytes(Fixed(model, 32));
        file.Ascii("0100");
        file.Zeros(20);
        file.U32(JpegAt);
        file.U32(jpeg.Length);
        file.U32(directoryAt);
        file.U32(directory.Length);
        file.U32(rawAt);
        file.U32(rawBytes);
        file.Zeros(JpegAt - file.Length);
        file.Bytes(jpeg);
        file.Zeros(directoryAt - file.Length);
        file.Bytes(directory);
        file.Zeros(rawBytes);
        return file.ToArray();
    }

    private static byte[] Directory((int Width, int Height) full, (int Width, int Height)? cropped)
    {
        var records = new List<(ushort Tag, byte[] Value)>
        {
            (0x0100, Size(full)),
            (0x0121, Size(full)),
            (0x0130, [0x00, 0x08, 0x00, 0x00]),
        };
        if (cropped is { } crop)
            records.Insert(1, (0x0111, Size(crop)));
        var buffer = new ByteBuffer(bigEndian: true);
        buffer.U32(records.Count);
        foreach (var (tag, value) in records)
        {
            buffer.U16(tag);
            buffer.U16(value.Length);
            buffer.Bytes(value);
        }
        return buffer.ToArray();
    }

    private static byte[] Size((int Width, int Height) size) =>
        [(byte)(size.Height >> 8), (byte)size.Height, (byte)(size.Width >> 8), (byte)size.Width];

    private static byte[] Fixed(string text, int length)
    {
        var bytes = new byte[length];
        Encoding.ASCII.GetBytes(text, bytes);
        return bytes;
    }
}
