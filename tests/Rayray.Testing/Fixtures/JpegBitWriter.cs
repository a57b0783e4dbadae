namespace Rayray.Testing.Fixtures;

/// <summary>
/// Writes JPEG entropy-coded data: bits most significant first, a 0x00 stuffed after every 0xFF byte, and the
/// last partial byte padded with 1-bits (before a restart marker and at the end of the scan).
/// </summary>
internal sealed class JpegBitWriter
{
    private readonly ByteBuffer _output;
    private int _accumulator;
    private int _bitCount;

    public JpegBitWriter(ByteBuffer output) => _output = output;

    public void Write(int code, int length)
    {
        for (var bit = length - 1; bit >= 0; bit--)
        {
            _accumulator = (_accumulator << 1) | ((code >> bit) & 1);
            if (++_bitCount == 8)
                Emit();
        }
    }

    /// <summary>Pads the current byte with 1-bits (nothing when byte-aligned).</summary>
    public void PadToByte()
    {
        while (_bitCount != 0)
            Write(1, 1);
    }

    /// <summary>Pads, then writes the marker RSTn (0xFFD0 + n) unstuffed.</summary>
    public void Restart(int n)
    {
        PadToByte();
        _output.U8(0xFF);
        _output.U8((byte)(0xD0 + (n & 7)));
    }

    private void Emit()
    {
        var value = (byte)_accumulator;
        _output.U8(value);
        if (value == 0xFF)
            _output.U8(0x00);
        _accumulator = 0;
        _bitCount = 0;
    }
}
