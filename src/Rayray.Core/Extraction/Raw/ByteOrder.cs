using System.Buffers.Binary;

namespace Rayray.Core.Extraction.Raw;

/// <summary>Reads integers in the byte order a RAW header declares ("II" little endian, "MM" big endian).</summary>
internal readonly record struct ByteOrder(bool LittleEndian)
{
    public static readonly ByteOrder Big = new(false);
    public static readonly ByteOrder Little = new(true);

    public ushort U16(ReadOnlySpan<byte> data, int at) =>
        LittleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(data[at..]) : BinaryPrimitives.ReadUInt16BigEndian(data[at..]);

    public uint U32(ReadOnlySpan<byte> data, int at) =>
        LittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(data[at..]) : BinaryPrimitives.ReadUInt32BigEndian(data[at..]);
}
