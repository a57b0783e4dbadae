using System.Buffers.Binary;
using System.Text;

namespace Rayray.Testing.Fixtures;

/// <summary>A growable byte array with big or little endian integer writes and back-patching by position.</summary>
internal sealed class ByteBuffer
{
    private byte[] _data = new byte[256];

    public ByteBuffer(bool bigEndian = true) => BigEndian = bigEndian;

    public bool BigEndian { get; }

    public int Length { get; private set; }

    public void U8(byte value) => Reserve(1)[0] = value;

    public void U16(int value)
    {
        var span = Reserve(2);
        PutU16(span, checked((ushort)value));
    }

    public void U32(uint value) => PutU32(Reserve(4), value);

    public void U32(int value) => U32(checked((uint)value));

    public void Bytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Reserve(bytes.Length));

    /// <summary>Writes ASCII characters (a four-character code, a signature) without any terminator.</summary>
    public void Ascii(string text) => Bytes(Encoding.ASCII.GetBytes(text));

    public void Zeros(int count) => Reserve(count).Clear();

    /// <summary>Pads with zero bytes until <see cref="Length"/> is a multiple of <paramref name="alignment"/>.</summary>
    public void Align(int alignment)
    {
        var remainder = Length % alignment;
        if (remainder != 0)
            Zeros(alignment - remainder);
    }

    public void PatchU16(int position, int value) => PutU16(_data.AsSpan(position, 2), checked((ushort)value));

    public void PatchU32(int position, uint value) => PutU32(_data.AsSpan(position, 4), value);

    public void PatchBytes(int position, ReadOnlySpan<byte> bytes) => bytes.CopyTo(_data.AsSpan(position, bytes.Length));

    public byte[] ToArray() => _data.AsSpan(0, Length).ToArray();

    private void PutU16(Span<byte> span, ushort value)
    {
        if (BigEndian)
            BinaryPrimitives.WriteUInt16BigEndian(span, value);
        else
            BinaryPrimitives.WriteUInt16LittleEndian(span, value);
    }

    private void PutU32(Span<byte> span, uint value)
    {
        if (BigEndian)
            BinaryPrimitives.WriteUInt32BigEndian(span, value);
        else
            BinaryPrimitives.WriteUInt32LittleEndian(span, value);
    }

    private Span<byte> Reserve(int count)
    {
        if (Length + count > _data.Length)
            Array.Resize(ref _data, Math.Max(checked(Length + count), checked(_data.Length * 2)));
        var span = _data.AsSpan(Length, count);
        Length += count;
        return span;
    }
}
