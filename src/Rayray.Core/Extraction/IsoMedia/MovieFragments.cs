using System.Buffers.Binary;

namespace Rayray.Core.Extraction.IsoMedia;

/// <summary>
/// A fragmented movie's track runs ('trun'): each sample's duration and size (or the fragment's or the movie's
/// defaults), added to the track as ffmpeg adds them, and where the first sample is shown.
/// </summary>
internal static class MovieFragments
{
    private const uint DataOffsetPresent = 0x1;
    private const uint FirstSampleFlagsPresent = 0x4;
    private const uint DurationPresent = 0x100;
    private const uint SizePresent = 0x200;
    private const uint FlagsPresent = 0x400;
    private const uint CompositionOffsetPresent = 0x800;
    private const int ChunkBytes = 64 * 1024;

    public static void ReadRun(Stream stream, BoxHeader trun, MovieTrack track, long decodeTime, uint defaultDuration, uint defaultSize)
    {
        Span<byte> head = stackalloc byte[16];
        if (trun.PayloadLength < 8)
            return;
        stream.Position = trun.PayloadStart;
        stream.ReadExactly(head[..8]);
        var flags = BinaryPrimitives.ReadUInt32BigEndian(head) & 0xFFFFFF;
        var count = BinaryPrimitives.ReadUInt32BigEndian(head[4..]);
        var at = trun.PayloadStart + 8 + ((flags & DataOffsetPresent) != 0 ? 4 : 0) + ((flags & FirstSampleFlagsPresent) != 0 ? 4 : 0);
        var fields = new[] { DurationPresent, SizePresent, FlagsPresent, CompositionOffsetPresent }.Count(f => (flags & f) != 0);
        var entrySize = 4 * fields;
        // A count is believed only as far as the box holds its entries.
        if (at > trun.End || (entrySize > 0 && count > (trun.End - at) / entrySize))
            throw new IsoMediaLimitException($"'trun' declares {count:N0} samples in {trun.PayloadLength:N0} bytes");

        if (entrySize == 0)
        {
            // Every sample takes the defaults: added at once, whatever the count.
            track.FirstPresentation ??= decodeTime;
            track.DataSize += (long)count * defaultSize;
            track.DurationForFps += (long)count * defaultDuration;
            track.FramesForFps += count;
            track.FragmentEnd = decodeTime + ((long)count * defaultDuration);
            return;
        }
        var dts = decodeTime;
        var buffer = new byte[(int)Math.Min(ChunkBytes, (long)count * entrySize)];
        stream.Position = at;
        for (long done = 0; done < count;)
        {
            var take = Math.Min(count - done, buffer.Length / entrySize);
            stream.ReadExactly(buffer, 0, (int)take * entrySize);
            for (var i = 0; i < take; i++)
            {
                var entry = buffer.AsSpan(i * entrySize, entrySize);
                var field = 0;
                uint duration = (flags & DurationPresent) != 0 ? BinaryPrimitives.ReadUInt32BigEndian(entry[(4 * field++)..]) : defaultDuration;
                uint size = (flags & SizePresent) != 0 ? BinaryPrimitives.ReadUInt32BigEndian(entry[(4 * field++)..]) : defaultSize;
                if ((flags & FlagsPresent) != 0)
                    field++;
                var offset = (flags & CompositionOffsetPresent) != 0 ? BinaryPrimitives.ReadInt32BigEndian(entry[(4 * field)..]) : 0;
                track.FirstPresentation ??= dts + offset;
                track.DataSize += size;
                track.DurationForFps += duration;
                track.FramesForFps++;
                dts += duration;
            }
            done += take;
        }
        track.FragmentEnd = dts;
    }
}
