using System.Buffers.Binary;
using System.Text;

namespace Rayray.Core.Extraction.Headers;

/// <summary>
/// GIMP XCF (devel-docs/xcf.txt in GIMP's sources): "gimp xcf ", the version ("file" or "v001" …) and a NUL,
/// then width, height and base type (RGB, grayscale, indexed), all big-endian; from version 4 the precision.
/// </summary>
internal static class XcfHeader
{
    public static bool IsXcf(ReadOnlySpan<byte> h) =>
        h.Length >= 14 && h.StartsWith("gimp xcf "u8) && h[13] == 0 &&
        (h[9..13].SequenceEqual("file"u8) || (h[9] == (byte)'v' && char.IsAsciiDigit((char)h[10]) && char.IsAsciiDigit((char)h[11]) && char.IsAsciiDigit((char)h[12])));

    public static HeaderRead Read(Stream stream, long length)
    {
        var directory = new ImageHeaderDirectory("XCF");
        var h = ImageHeaders.ReadAt(stream, 0, 30, length).AsSpan();
        if (h.Length < 26)
            return new HeaderRead(directory, ImageHeaders.CutShort("XCF header"));
        var version = Encoding.ASCII.GetString(h[9..13]);
        directory.Set(ImageHeaderDirectory.TagVersion, version);
        directory.Set(ImageHeaderDirectory.TagColorType, BinaryPrimitives.ReadUInt32BigEndian(h[22..]) switch
        {
            0 => "RGB", 1 => "grayscale", 2 => "indexed", var other => other.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        // Version 7 on counts precision in hundreds: 1 8-bit, 2 16-bit, 3 32-bit integer, 5 half, 6 float, 7 double.
        if (h.Length >= 30 && version.StartsWith('v') && int.Parse(version[1..], System.Globalization.CultureInfo.InvariantCulture) >= 7 &&
            (BinaryPrimitives.ReadUInt32BigEndian(h[26..]) / 100) switch { 1 => 8, 2 or 5 => 16, 3 or 6 => 32, 7 => 64, _ => 0 } is var bits and > 0)
            directory.Set(ImageHeaderDirectory.TagBitsPerSample, bits);
        return new HeaderRead(directory, directory.SetSize(BinaryPrimitives.ReadUInt32BigEndian(h[14..]), BinaryPrimitives.ReadUInt32BigEndian(h[18..])));
    }
}
