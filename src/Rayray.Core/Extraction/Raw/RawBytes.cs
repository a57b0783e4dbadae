namespace Rayray.Core.Extraction.Raw;

/// <summary>Bounded reads for the RAW header readers: offsets and counts come from the file and are not trusted.</summary>
internal static class RawBytes
{
    /// <summary>The <paramref name="count"/> bytes at <paramref name="offset"/>; null when they do not all lie inside the file or exceed <paramref name="limit"/>.</summary>
    public static byte[]? At(Stream stream, long fileLength, long offset, long count, int limit = 16 * 1024 * 1024)
    {
        if (offset < 0 || count < 0 || count > limit || offset > fileLength - count)
            return null;
        var bytes = new byte[count];
        stream.Position = offset;
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>True when the region [offset, offset + count) lies inside the file.</summary>
    public static bool Inside(long offset, long count, long fileLength) =>
        offset >= 0 && count >= 0 && offset <= fileLength && count <= fileLength - offset;
}
