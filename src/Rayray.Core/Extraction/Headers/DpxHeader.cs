using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Rayray.Core.Extraction.Headers;

/// <summary>
/// DPX (SMPTE ST 268): a 768-byte file header ("SDPX" big-endian, "XPDS" little-endian, the version, the file
/// size), then the image header: orientation, element count, pixels per line and lines, then the first image
/// element's descriptor and bit depth.
/// </summary>
internal static class DpxHeader
{
    private const int HeaderLength = 1024;

    public static bool IsDpx(ReadOnlySpan<byte> h) =>
        h.Length >= 12 && (h.StartsWith("SDPX"u8) || h.StartsWith("XPDS"u8)) && h[8] == (byte)'V';

    public static HeaderRead Read(Stream stream, long length)
    {
        var directory = new ImageHeaderDirectory("DPX");
        var h = ImageHeaders.ReadAt(stream, 0, HeaderLength, length).AsSpan();
        if (h.Length < 808)
            return new HeaderRead(directory, ImageHeaders.CutShort("DPX header"));
        var bigEndian = h.StartsWith("SDPX"u8);

        directory.Set(ImageHeaderDirectory.TagVersion, Encoding.ASCII.GetString(h.Slice(8, 8)).TrimEnd('\0', ' '));
        directory.Set(ImageHeaderDirectory.TagBitsPerSample, (int)h[803]);
        directory.Set(ImageHeaderDirectory.TagColorType, h[800] switch
        {
            1 => "red", 2 => "green", 3 => "blue", 4 => "alpha", 6 => "luma", 50 => "RGB", 51 => "RGBA", 52 => "ABGR",
            100 => "CbYCrY", 102 => "CbYCr", 103 => "CbYACrYA", 104 => "CbYCrA",
            var other => other.ToString(CultureInfo.InvariantCulture),
        });
        // 0xFFFFFFFF marks a field left undefined; a size cannot be.
        var damage = directory.SetSize(U32(h, 772, bigEndian) is var width and not uint.MaxValue ? width : 0, U32(h, 776, bigEndian) is var height and not uint.MaxValue ? height : 0);
        var declared = U32(h, 16, bigEndian);
        if (damage is null && declared is not (0 or uint.MaxValue) && declared > length)
            damage = string.Create(CultureInfo.InvariantCulture, $"truncated: the DPX header declares {declared} bytes but the file has {length}");
        return new HeaderRead(directory, damage);
    }

    private static uint U32(ReadOnlySpan<byte> h, int at, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(h[at..]) : BinaryPrimitives.ReadUInt32LittleEndian(h[at..]);
}
