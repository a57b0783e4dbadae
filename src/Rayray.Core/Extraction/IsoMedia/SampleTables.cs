using System.Buffers.Binary;

namespace Rayray.Core.Extraction.IsoMedia;

/// <summary>
/// Totals of a track's sample tables, read in chunks so a table of millions of entries costs reading it and nothing
/// more: samples and their duration (stts), their bytes (stsz, stz2). A count is believed only as far as the box
/// holds its entries.
/// </summary>
internal static class SampleTables
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>stts: the number of samples and their total duration, as ffmpeg adds them for the frame rate.</summary>
    public static (long Samples, long Duration) TimeToSample(Stream stream, BoxHeader stts)
    {
        var entries = EntryCount(stream, stts, 8);
        long samples = 0, duration = 0;
        ForEachEntry(stream, stts.PayloadStart + 8, entries, 8, entry =>
        {
            var count = BinaryPrimitives.ReadUInt32BigEndian(entry);
            var delta = BinaryPrimitives.ReadInt32BigEndian(entry[4..]);
            samples += count;
            duration += (long)delta * count;
        });
        // ffmpeg keeps the totals only when they are positive and fit.
        return samples > int.MaxValue || duration <= 0 ? (0, 0) : (samples, duration);
    }

    /// <summary>stsz or stz2: the bytes of all samples. A constant sample size adds nothing, as in ffmpeg.</summary>
    public static long SampleBytes(Stream stream, BoxHeader box)
    {
        Span<byte> head = stackalloc byte[12];
        if (box.PayloadLength < 12)
            return 0;
        stream.Position = box.PayloadStart;
        stream.ReadExactly(head);
        if (box.Type == "stsz")
        {
            if (BinaryPrimitives.ReadUInt32BigEndian(head[4..]) != 0)
                return 0;
            long total = 0;
            ForEachEntry(stream, box.PayloadStart + 12, EntryCount(stream, box, 4, countAt: 8, tableAt: 12), 4,
                entry => total += BinaryPrimitives.ReadUInt32BigEndian(entry));
            return total;
        }
        var fieldBits = head[7];
        if (fieldBits is not (4 or 8 or 16))
            return 0;
        var count = BinaryPrimitives.ReadUInt32BigEndian(head[8..]);
        var tableBytes = ((long)count * fieldBits + 7) / 8;
        if (tableBytes > box.PayloadLength - 12)
            throw new IsoMediaLimitException($"'stz2' declares {count:N0} samples in {box.PayloadLength:N0} bytes");
        long sum = 0;
        var entryBytes = fieldBits == 16 ? 2 : 1;
        ForEachEntry(stream, box.PayloadStart + 12, tableBytes / entryBytes, entryBytes, entry =>
        {
            sum += fieldBits switch
            {
                16 => BinaryPrimitives.ReadUInt16BigEndian(entry),
                8 => entry[0],
                _ => (entry[0] >> 4) + (entry[0] & 0xF),
            };
        });
        return sum;
    }

    /// <summary>The entry count at <paramref name="countAt"/>, checked against the bytes the box holds.</summary>
    private static long EntryCount(Stream stream, BoxHeader box, int entrySize, int countAt = 4, int tableAt = 8)
    {
        if (box.PayloadLength < tableAt)
            return 0;
        Span<byte> count = stackalloc byte[4];
        stream.Position = box.PayloadStart + countAt;
        stream.ReadExactly(count);
        var entries = BinaryPrimitives.ReadUInt32BigEndian(count);
        if (entries > (box.PayloadLength - tableAt) / entrySize)
            throw new IsoMediaLimitException($"'{box.Type}' declares {entries:N0} entries in {box.PayloadLength:N0} bytes");
        return entries;
    }

    private delegate void EntryAction(ReadOnlySpan<byte> entry);

    private static void ForEachEntry(Stream stream, long start, long entries, int entrySize, EntryAction action)
    {
        if (entries == 0)
            return;
        var buffer = new byte[(int)Math.Min(ChunkBytes, entries * entrySize)];
        stream.Position = start;
        var left = entries;
        while (left > 0)
        {
            var take = (int)Math.Min(left, buffer.Length / entrySize);
            stream.ReadExactly(buffer, 0, take * entrySize);
            for (var i = 0; i < take; i++)
                action(buffer.AsSpan(i * entrySize, entrySize));
            left -= take;
        }
    }
}
