using System.Buffers.Binary;

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
        Span<byte> header = stackalloc byte[8];
        stream.Position = 0;
        stream.ReadExactly(header);
        output.Write(header);
        long position = 8;
        while (position + 12 <= length)
        {
            stream.Position = position;
            stream.ReadExactly(header);
            var dataLength = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = System.Text.Encoding.ASCII.GetString(header[4..]);
            var chunkLength = 12L + dataLength;
            if (position + chunkLength > length)
                return null;
            if (PixelChunks.Contains(type))
            {
                if (output.Length + chunkLength > maxBytes)
                    return null;
                var chunk = new byte[chunkLength];
                stream.Position = position;
                stream.ReadExactly(chunk);
                output.Write(chunk);
            }
            position += chunkLength;
            if (type == "IEND")
                return output.ToArray();
        }
        return null;
    }
}
