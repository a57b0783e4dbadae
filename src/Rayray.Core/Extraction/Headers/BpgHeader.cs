namespace Rayray.Core.Extraction.Headers;

/// <summary>
/// BPG (bellard.org/bpg, "BPG Specification"): "BPG\xFB", a byte of pixel format (3 bits), alpha flag and bit
/// depth − 8 (4 bits), a byte of colour space and flags, then width and height as ue7 varints.
/// </summary>
internal static class BpgHeader
{
    public static bool IsBpg(ReadOnlySpan<byte> h) => h.Length >= 6 && h[0] == (byte)'B' && h[1] == (byte)'P' && h[2] == (byte)'G' && h[3] == 0xFB && (h[4] >> 5) <= 5;

    public static HeaderRead Read(Stream stream, long length)
    {
        var directory = new ImageHeaderDirectory("BPG");
        var h = ImageHeaders.ReadAt(stream, 0, 32, length).AsSpan();
        if (!IsBpg(h))
            return new HeaderRead(directory, ImageHeaders.CutShort("BPG header"));
        directory.Set(ImageHeaderDirectory.TagBitsPerSample, (h[4] & 0x0F) + 8);
        directory.Set(ImageHeaderDirectory.TagColorType, (h[4] >> 5) switch
        {
            0 => "grayscale", 1 => "4:2:0", 2 => "4:2:2", 3 => "4:4:4", 4 => "4:2:0 (video)", _ => "4:2:2 (video)",
        });
        var at = 6;
        if (ImageHeaders.Varint(h, ref at) is not { } width || ImageHeaders.Varint(h, ref at) is not { } height)
            return new HeaderRead(directory, ImageHeaders.CutShort("BPG header"));
        return new HeaderRead(directory, directory.SetSize(width, height));
    }
}
