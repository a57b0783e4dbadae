using System.Buffers.Binary;
using System.Text;

namespace Rayray.Core.Places;

/// <summary>Reads what tools/places/byte-writer.mjs writes: LEB128 varints (zigzag when signed),
/// little-endian doubles, ASCII tags and length-prefixed UTF-8.</summary>
internal ref struct PlacesReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public void Expect(string magic, int version)
    {
        if (Ascii(magic.Length) != magic || Int() != version)
            throw new InvalidDataException($"the places resource is not format {magic} {version}; rebuild it with tools/places");
    }

    public int Int()
    {
        var first = _data[_position++];
        if (first < 0x80)
            return first;
        var result = first & 0x7f;
        for (var shift = 7; ; shift += 7)
        {
            var b = _data[_position++];
            result |= (b & 0x7f) << shift;
            if (b < 0x80)
                return result;
        }
    }

    public int SignedInt()
    {
        var zigzag = (uint)Int();
        return (int)(zigzag >> 1) ^ -(int)(zigzag & 1);
    }

    public byte Byte() => _data[_position++];

    public double Double()
    {
        var value = BinaryPrimitives.ReadDoubleLittleEndian(_data.Slice(_position, 8));
        _position += 8;
        return value;
    }

    public string Ascii(int length)
    {
        var text = Encoding.ASCII.GetString(_data.Slice(_position, length));
        _position += length;
        return text;
    }

    public string String() => Encoding.UTF8.GetString(Bytes());

    public ReadOnlySpan<byte> Bytes()
    {
        var length = Int();
        var bytes = _data.Slice(_position, length);
        _position += length;
        return bytes;
    }

    public readonly bool AtEnd => _position == _data.Length;
}
