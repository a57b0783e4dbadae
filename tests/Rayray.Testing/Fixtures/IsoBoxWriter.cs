namespace Rayray.Testing.Fixtures;

/// <summary>An ISO base media box (HEIF, CR3, MP4, JPEG 2000, JPEG XL): a 32-bit big-endian size, the type, the content.</summary>
internal static class IsoBoxWriter
{
    public static byte[] Box(string type, Action<ByteBuffer> content)
    {
        var body = new ByteBuffer(bigEndian: true);
        content(body);
        var box = new ByteBuffer(bigEndian: true);
        box.U32(body.Length + 8);
        box.Ascii(type);
        box.Bytes(body.ToArray());
        return box.ToArray();
    }
}
