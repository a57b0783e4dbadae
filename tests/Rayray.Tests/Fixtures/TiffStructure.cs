using System.Buffers.Binary;

namespace Rayray.Tests.Fixtures;

/// <summary>
/// A minimal, strict TIFF directory reader for checking the generated structures byte by byte (independent of
/// the indexer's own parser): header, entries in file order, value bytes (inline or at their offset).
/// </summary>
internal sealed class TiffStructure
{
    private readonly byte[] _data;

    public TiffStructure(byte[] data)
    {
        _data = data;
        BigEndian = (data[0], data[1]) switch
        {
            ((byte)'M', (byte)'M') => true,
            ((byte)'I', (byte)'I') => false,
            _ => throw new FormatException("no TIFF byte order mark"),
        };
        if (U16(2) != 42)
            throw new FormatException("TIFF magic is not 42");
        Ifd0 = ReadIfd(U32(4));
    }

    public bool BigEndian { get; }

    public Ifd Ifd0 { get; }

    public Ifd SubIfd(Ifd parent, ushort pointerTag) => ReadIfd(Long(parent[pointerTag]));

    public ushort Short(Field field, int index = 0) => U16(field.ValueOffset + (2u * (uint)index));

    public uint Long(Field field, int index = 0) => U32(field.ValueOffset + (4u * (uint)index));

    public (uint Numerator, uint Denominator) Rational(Field field, int index = 0) =>
        (U32(field.ValueOffset + (8u * (uint)index)), U32(field.ValueOffset + (8u * (uint)index) + 4));

    public byte[] Bytes(Field field) => _data.AsSpan((int)field.ValueOffset, (int)field.Count).ToArray();

    public string Ascii(Field field)
    {
        var bytes = Bytes(field);
        if (bytes.Length == 0 || bytes[^1] != 0)
            throw new FormatException($"ASCII tag 0x{field.Tag:X4} is not NUL-terminated");
        return System.Text.Encoding.UTF8.GetString(bytes, 0, bytes.Length - 1);
    }

    private Ifd ReadIfd(uint offset)
    {
        var count = U16(offset);
        var fields = new List<Field>();
        for (var i = 0; i < count; i++)
        {
            var at = offset + 2 + (12u * (uint)i);
            var type = U16(at + 2);
            var n = U32(at + 4);
            var size = n * type switch { 3 => 2u, 4 => 4u, 5 => 8u, _ => 1u };
            fields.Add(new Field(U16(at), type, n, size <= 4 ? at + 8 : U32(at + 8), at));
        }
        return new Ifd(offset, fields, U32(offset + 2 + (12u * count)));
    }

    private ushort U16(uint at) => BigEndian
        ? BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan((int)at))
        : BinaryPrimitives.ReadUInt16LittleEndian(_data.AsSpan((int)at));

    private uint U32(uint at) => BigEndian
        ? BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan((int)at))
        : BinaryPrimitives.ReadUInt32LittleEndian(_data.AsSpan((int)at));

    /// <summary>One entry; <see cref="ValueOffset"/> is where its value bytes are (inside the entry when inline).</summary>
    internal sealed record Field(ushort Tag, ushort Type, uint Count, uint ValueOffset, uint EntryOffset);

    internal sealed record Ifd(uint Offset, IReadOnlyList<Field> Fields, uint NextIfdOffset)
    {
        public Field this[ushort tag] => Fields.SingleOrDefault(f => f.Tag == tag) ?? throw new KeyNotFoundException($"tag 0x{tag:X4} not in IFD at {Offset}");

        public bool Has(ushort tag) => Fields.Any(f => f.Tag == tag);
    }
}
