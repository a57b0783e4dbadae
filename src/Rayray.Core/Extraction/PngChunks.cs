using System.Buffers.Binary;
using System.Text;

namespace Rayray.Core.Extraction;

/// <summary>A PNG chunk as its header declares it: where it starts, how many data bytes it holds, and its type.</summary>
internal readonly record struct PngChunk(long Start, uint DataLength, string Type, bool HasLetterType)
{
    public long DataStart => Start + 8;
    public long Length => PngChunks.Overhead + DataLength;
}

/// <summary>Walks a PNG's chunk list from the chunk headers alone, for the readers that pick chunks out of it.</summary>
internal static class PngChunks
{
    public const int SignatureLength = 8;
    public const int Overhead = 12; // length, type, CRC

    /// <summary>The chunks after the signature in file order; the walk ends before a chunk that would run past the end of the file.</summary>
    public static IEnumerable<PngChunk> Walk(Stream png, long fileLength)
    {
        var header = new byte[8];
        long at = SignatureLength;
        while (at <= fileLength - Overhead)
        {
            png.Position = at;
            png.ReadExactly(header);
            var length = BinaryPrimitives.ReadUInt32BigEndian(header);
            if (length > fileLength - at - Overhead)
                yield break;
            var chunk = new PngChunk(at, length, Encoding.ASCII.GetString(header, 4, 4), IsLetters(header.AsSpan(4)));
            yield return chunk;
            at += chunk.Length;
        }
    }

    /// <summary>Four ASCII letters, as PNG requires of a chunk type.</summary>
    private static bool IsLetters(ReadOnlySpan<byte> type)
    {
        foreach (var b in type)
        {
            if (!char.IsAsciiLetter((char)b))
                return false;
        }
        return true;
    }
}
