using System.Buffers.Binary;
using System.Text;

namespace Rayray.Testing.Fixtures;

/// <summary>
/// ISO base media files (HEIC, MP4, QuickTime) whose boxes lie: a box larger than the file, the size 0 ("to the end
/// of the file") and size 1 ("a 64-bit size follows") escapes used where they do not fit, sample tables that count
/// more entries than they hold, a flood of empty boxes.
/// </summary>
public static class HostileIsoMedia
{
    /// <summary>A valid HEIC whose top-level <paramref name="type"/> box declares <paramref name="size"/> bytes (32-bit size field).</summary>
    public static byte[] WithBoxSize(string type, uint size)
    {
        var heic = TestImages.Heic(64, 48);
        BinaryPrimitives.WriteUInt32BigEndian(heic.AsSpan(TopLevelBox(heic, type)), size);
        return heic;
    }

    /// <summary>A valid HEIC followed by one more top-level box: the given 32-bit size, type and then the raw bytes given.</summary>
    public static byte[] WithTrailingBox(uint size, string type, params byte[] rest)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, size);
        Encoding.ASCII.GetBytes(type, header.AsSpan(4));
        return [.. TestImages.Heic(64, 48), .. header, .. rest];
    }

    /// <summary>A valid HEIC followed by a box with size 1 and the 64-bit size <paramref name="largeSize"/>, and 8 bytes of payload.</summary>
    public static byte[] WithTrailingLargeSizeBox(string type, ulong largeSize)
    {
        var large = new byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(large, largeSize);
        return WithTrailingBox(1, type, large);
    }

    /// <summary>
    /// A copy of a movie (MP4/QuickTime) whose first <paramref name="type"/> box, wherever it is nested, declares
    /// <paramref name="size"/> bytes.
    /// </summary>
    public static byte[] WithNestedBoxSize(byte[] movie, string type, uint size)
    {
        var copy = (byte[])movie.Clone();
        var at = copy.AsSpan().IndexOf(Encoding.ASCII.GetBytes(type));
        if (at < 4)
            throw new ArgumentException($"no '{type}' box", nameof(type));
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(at - 4), size);
        return copy;
    }

    /// <summary>
    /// A copy of a movie whose first <paramref name="type"/> box has the 32-bit <paramref name="value"/> at
    /// <paramref name="payloadOffset"/> bytes into its payload (an entry count, a sample count).
    /// </summary>
    public static byte[] WithBoxField(byte[] movie, string type, int payloadOffset, uint value)
    {
        var copy = (byte[])movie.Clone();
        var at = copy.AsSpan().IndexOf(Encoding.ASCII.GetBytes(type));
        if (at < 4)
            throw new ArgumentException($"no '{type}' box", nameof(type));
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(at + 4 + payloadOffset), value);
        return copy;
    }

    /// <summary>A copy of a movie with <paramref name="count"/> empty 'free' boxes at the start of its 'moov', whose size grows to hold them.</summary>
    public static byte[] WithEmptyBoxesInMovie(byte[] movie, int count)
    {
        var moov = movie.AsSpan().IndexOf("moov"u8) - 4;
        var size = BinaryPrimitives.ReadUInt32BigEndian(movie.AsSpan(moov));
        var flood = new byte[count * 8];
        for (var i = 0; i < count; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(flood.AsSpan(i * 8), 8);
            "free"u8.CopyTo(flood.AsSpan((i * 8) + 4));
        }
        byte[] copy = [.. movie.AsSpan(0, moov + 8), .. flood, .. movie.AsSpan(moov + 8)];
        BinaryPrimitives.WriteUInt32BigEndian(copy.AsSpan(moov), size + (uint)flood.Length);
        return copy;
    }

    /// <summary>
    /// A copy of a movie whose first <paramref name="type"/> box's payload is <paramref name="fill"/> bytes from
    /// <paramref name="from"/> on (a parameter set of garbage).
    /// </summary>
    public static byte[] WithBoxPayloadFilled(byte[] movie, string type, byte fill, int from = 0)
    {
        var copy = (byte[])movie.Clone();
        var at = copy.AsSpan().IndexOf(Encoding.ASCII.GetBytes(type));
        if (at < 4)
            throw new ArgumentException($"no '{type}' box", nameof(type));
        var size = (int)BinaryPrimitives.ReadUInt32BigEndian(copy.AsSpan(at - 4));
        copy.AsSpan(at + 4 + from, size - 8 - from).Fill(fill);
        return copy;
    }

    private static int TopLevelBox(byte[] file, string type)
    {
        for (var at = 0; at + 8 <= file.Length; at += (int)BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at)))
        {
            if (Encoding.ASCII.GetString(file, at + 4, 4) == type)
                return at;
        }
        throw new ArgumentException($"no top-level '{type}' box", nameof(type));
    }
}
