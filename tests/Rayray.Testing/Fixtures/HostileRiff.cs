using System.Buffers.Binary;
using System.Text;

namespace Rayray.Testing.Fixtures;

/// <summary>RIFF files (WebP, WAV, AVI) with a chunk that declares far more bytes than the file holds.</summary>
public static class HostileRiff
{
    /// <summary>
    /// A WebP: RIFF header, a VP8X chunk (64×48, EXIF flag set), then an EXIF chunk declaring <paramref name="declaredLength"/>
    /// bytes followed by a few.
    /// </summary>
    public static byte[] WebPWithExifDeclaring(uint declaredLength)
    {
        var vp8x = new byte[10];
        vp8x[0] = 0x08; // EXIF present
        WriteU24(vp8x.AsSpan(4), 64 - 1);
        WriteU24(vp8x.AsSpan(7), 48 - 1);
        byte[] body = [.. "WEBP"u8, .. Chunk("VP8X", vp8x), .. Header("EXIF", declaredLength), .. "Exif\0\0II*\0"u8];
        return [.. Header("RIFF", (uint)body.Length), .. body];
    }

    /// <summary>A copy of a RIFF file (e.g. a WAV or AVI from <see cref="TestMedia"/>) whose first <paramref name="type"/> chunk declares <paramref name="declaredLength"/> bytes.</summary>
    public static byte[] WithChunkDeclaring(byte[] riff, string type, uint declaredLength)
    {
        var copy = (byte[])riff.Clone();
        var at = copy.AsSpan(12).IndexOf(Encoding.ASCII.GetBytes(type)) + 12;
        if (at < 12)
            throw new ArgumentException($"no '{type}' chunk", nameof(type));
        BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(at + 4), declaredLength);
        return copy;
    }

    private static byte[] Chunk(string type, byte[] payload) => [.. Header(type, (uint)payload.Length), .. payload];

    private static byte[] Header(string type, uint length)
    {
        var header = new byte[8];
        Encoding.ASCII.GetBytes(type, header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), length);
        return header;
    }

    private static void WriteU24(Span<byte> span, int value)
    {
        span[0] = (byte)value;
        span[1] = (byte)(value >> 8);
        span[2] = (byte)(value >> 16);
    }
}
