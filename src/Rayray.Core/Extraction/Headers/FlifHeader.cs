namespace Rayray.Core.Extraction.Headers;

/// <summary>
/// FLIF (flif.info, "FLIF16 format"): "FLIF", a byte whose high nibble tells still/animated and interlacing
/// (3 to 6) and low nibble the channel count (1, 3 or 4), the bytes per channel ('0' custom, '1', '2'), then
/// width − 1, height − 1 and, animated, frames − 2 as big-endian base-128 varints.
/// </summary>
internal static class FlifHeader
{
    public static bool IsFlif(ReadOnlySpan<byte> h) =>
        h.Length >= 6 && h.StartsWith("FLIF"u8) && (h[4] >> 4) is >= 3 and <= 6 && (h[4] & 0x0F) is 1 or 3 or 4 && h[5] is (byte)'0' or (byte)'1' or (byte)'2';

    public static HeaderRead Read(Stream stream, long length)
    {
        var directory = new ImageHeaderDirectory("FLIF");
        var h = ImageHeaders.ReadAt(stream, 0, 32, length).AsSpan();
        if (!IsFlif(h))
            return new HeaderRead(directory, ImageHeaders.CutShort("FLIF header"));
        directory.Set(ImageHeaderDirectory.TagChannels, h[4] & 0x0F);
        if (h[5] != (byte)'0')
            directory.Set(ImageHeaderDirectory.TagBitsPerSample, (h[5] - '0') * 8);
        var at = 6;
        if (ImageHeaders.Varint(h, ref at) is not { } width || ImageHeaders.Varint(h, ref at) is not { } height)
            return new HeaderRead(directory, ImageHeaders.CutShort("FLIF header"));
        if ((h[4] >> 4) >= 5 && ImageHeaders.Varint(h, ref at) is { } frames)
            directory.Set(ImageHeaderDirectory.TagFrames, frames + 2);
        return new HeaderRead(directory, directory.SetSize(width + 1, height + 1));
    }
}
