namespace Rayray.Testing.Fixtures;

/// <summary>
/// Audio files ffmpeg cannot write, from each format's documented header: silence (or placeholder frames) of
/// a known length, enough for ffprobe to read the stream and its duration.
/// </summary>
public static class HeaderAudio
{
    /// <summary>Monkey's Audio 3.99: descriptor, header (one frame of 44,100 stereo 16-bit samples: one second), seek table, frame bytes.</summary>
    public static byte[] Ape()
    {
        var b = new ByteBuffer(bigEndian: false);
        var frame = new byte[64];
        b.Ascii("MAC ");
        b.U16(3990);
        b.U16(0);
        b.U32(52);
        b.U32(24);
        b.U32(4);
        b.U32(0);
        b.U32(frame.Length);
        b.U32(0);
        b.U32(0);
        b.Zeros(16);
        b.U16(2000);
        b.U16(0);
        b.U32(73728);
        b.U32(44100);
        b.U32(1);
        b.U16(16);
        b.U16(2);
        b.U32(44100);
        b.U32(b.Length + 4);
        b.Bytes(frame);
        return b.ToArray();
    }

    /// <summary>A DSF file of 0.1 s of stereo DSD64: the DSD, fmt and data chunks, the samples in 4096-byte blocks per channel.</summary>
    public static byte[] Dsf()
    {
        const int rate = 2_822_400;
        const int blockSize = 4096;
        const int samples = rate / 10;
        var blocks = ((samples / 8) + blockSize - 1) / blockSize;
        var data = new byte[blocks * blockSize * 2];
        var b = new ByteBuffer(bigEndian: false);
        b.Ascii("DSD ");
        U64(b, 28);
        U64(b, 28 + 52 + 12 + data.Length);
        U64(b, 0);
        b.Ascii("fmt ");
        U64(b, 52);
        b.U32(1);
        b.U32(0);
        b.U32(2);
        b.U32(2);
        b.U32(rate);
        b.U32(1);
        U64(b, samples);
        b.U32(blockSize);
        b.U32(0);
        b.Ascii("data");
        U64(b, 12 + data.Length);
        b.Bytes(data);
        return b.ToArray();
    }

    /// <summary>Musepack stream version 7: "MP+", the version, 38 frames of 1,152 samples at 44.1 kHz (0.99 s), the stream header's flags, placeholder frames.</summary>
    public static byte[] Musepack()
    {
        var b = new ByteBuffer(bigEndian: false);
        b.Ascii("MP+");
        b.U8(7);
        b.U32(38);
        b.Zeros(16);
        b.Zeros(38 * 160);
        return b.ToArray();
    }

    private static void U64(ByteBuffer b, long value)
    {
        b.U32((uint)value);
        b.U32((uint)(value >> 32));
    }
}
