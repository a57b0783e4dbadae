using System.IO.Compression;
using System.Text;

namespace Rayray.Testing.Fixtures;

/// <summary>
/// Writes a PNG of a uniform mid-grey picture (8-bit greyscale, not interlaced): IHDR, eXIf, one tEXt per text
/// entry (iTXt when the value is not Latin-1), one zlib IDAT with filter type 0 on every row, IEND.
/// </summary>
internal static class PngWriter
{
    private static readonly Encoding Latin1 = Encoding.Latin1;

    public static byte[] Write(int width, int height, byte[]? exifTiff, IReadOnlyDictionary<string, string>? text)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);

        var png = new ByteBuffer(bigEndian: true);
        png.Bytes([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);

        var header = new ByteBuffer(bigEndian: true);
        header.U32(width);
        header.U32(height);
        header.Bytes([8, 0, 0, 0, 0]); // bit depth 8, greyscale, deflate, adaptive filtering, no interlace
        Chunk(png, "IHDR", header.ToArray());

        if (exifTiff is not null)
            Chunk(png, "eXIf", exifTiff);
        foreach (var (key, value) in text ?? new Dictionary<string, string>())
            TextChunk(png, key, value);

        Chunk(png, "IDAT", Pixels(width, height));
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static byte[] Pixels(int width, int height)
    {
        var row = new byte[checked(width + 1)];
        Array.Fill(row, (byte)128);
        row[0] = 0; // filter type None
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
                zlib.Write(row);
        }
        return compressed.ToArray();
    }

    private static void TextChunk(ByteBuffer png, string key, string value)
    {
        if (key.Length is < 1 or > 79 || !IsLatin1(key) || key.Contains('\0', StringComparison.Ordinal))
            throw new ArgumentException($"PNG text keyword '{key}' must be 1 to 79 Latin-1 characters", nameof(key));
        if (IsLatin1(value) && !value.Contains('\0', StringComparison.Ordinal))
        {
            Chunk(png, "tEXt", [.. Latin1.GetBytes(key), 0, .. Latin1.GetBytes(value)]);
        }
        else
        {
            // iTXt: keyword, NUL, compression flag 0, method 0, empty language tag, NUL, empty translated keyword, NUL, UTF-8 text.
            Chunk(png, "iTXt", [.. Latin1.GetBytes(key), 0, 0, 0, 0, 0, .. Encoding.UTF8.GetBytes(value)]);
        }
    }

    private static bool IsLatin1(string text) => text.All(c => c <= '\u00FF');

    private static void Chunk(ByteBuffer png, string type, byte[] data)
    {
        png.U32(data.Length);
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Bytes(typeAndData);
        png.U32(Crc32.Compute(typeAndData));
    }
}
