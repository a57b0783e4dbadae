namespace Rayray.Core.Extraction.IsoMedia;

/// <summary>
/// Reads the bits of one H.264/HEVC NAL unit's payload (emulation prevention bytes removed first), with the
/// Exp-Golomb codes parameter sets use. Reading past the end throws <see cref="IsoMediaLimitException"/>.
/// </summary>
internal sealed class NalBitReader
{
    private readonly byte[] _bytes;
    private long _bit;

    /// <param name="nal">The NAL unit without its header bytes.</param>
    /// <param name="escaped">False for bits that are not a NAL unit (an AudioSpecificConfig): nothing is removed.</param>
    public NalBitReader(ReadOnlySpan<byte> nal, bool escaped = true)
    {
        var bytes = new byte[nal.Length];
        var length = 0;
        var zeros = 0;
        foreach (var b in nal)
        {
            // 00 00 03 is written for 00 00 inside a NAL unit; the 03 is not payload.
            if (escaped && zeros >= 2 && b == 3)
            {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            bytes[length++] = b;
        }
        _bytes = bytes[..length];
    }

    public bool Flag() => Bits(1) == 1;

    public uint Bits(int count)
    {
        uint value = 0;
        for (var i = 0; i < count; i++)
        {
            if (_bit >= _bytes.Length * 8L)
                throw new IsoMediaLimitException("a parameter set ends early");
            value = (value << 1) | (uint)((_bytes[_bit >> 3] >> (7 - (int)(_bit & 7))) & 1);
            _bit++;
        }
        return value;
    }

    public void Skip(int count)
    {
        for (var i = 0; i < count; i += 32)
            Bits(Math.Min(32, count - i));
    }

    /// <summary>An unsigned Exp-Golomb code, ue(v).</summary>
    public uint Unsigned()
    {
        var zeros = 0;
        while (!Flag())
        {
            if (++zeros > 31)
                throw new IsoMediaLimitException("an Exp-Golomb code longer than 32 bits");
        }
        return zeros == 0 ? 0 : (uint)((1UL << zeros) - 1 + Bits(zeros));
    }

    /// <summary>A signed Exp-Golomb code, se(v).</summary>
    public int Signed()
    {
        var code = Unsigned();
        return (code & 1) == 1 ? (int)((code + 1) / 2) : -(int)(code / 2);
    }
}
