namespace Rayray.Core.Extraction.Similarity;

/// <summary>
/// The chunks of a PNG that make its pixels (IHDR, PLTE, tRNS, IDAT, IEND), read from the file and put back to back
/// after the signature; text, colour profiles and other ancillary chunks are skipped unread. Skia's PNG reader takes
/// 40 s over a 24 MB iTXt chunk (an XMP packet), so it is never shown one. The structure check has already checked
/// the chunks' lengths and CRCs: this only walks them.
/// </summary>
internal static class PngEssentials
{
    private static readonly HashSet<string> PixelChunks = new(StringComparer.Ordinal) { "IHDR", "PLTE", "tRNS", "IDAT", "IEND" };

    /// <summary>The pixel-making chunks, or null when they hold more than <paramref name="maxBytes"/> or the chunk list is broken.</summary>
    public static byte[]? Read(Stream stream, long length, long maxBytes)
    {
        var output = new MemoryStream();
        var signature = new byte[PngChunks.SignatureLength];
        stream.Position = 0;
        stream.ReadExactly(signature);
        output.Write(signature);
        foreach (var chunk in PngChunks.Walk(stream, length))
        {
            if (PixelChunks.Contains(chunk.Type))
            {
                if (output.Length + chunk.Length > maxBytes)
                    return null;
                var bytes = new byte[chunk.Length];
                stream.Position = chunk.Start;
                stream.ReadExactly(bytes);
                output.Write(bytes);
            }
            if (chunk.Type == "IEND")
                return output.ToArray();
        }
        return null;
    }
}
