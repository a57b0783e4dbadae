using System.Text;

namespace Rayray.Testing.Fixtures;

/// <summary>The TIFF field types the fixture writer emits (TIFF 6.0 section 2).</summary>
public enum TiffType
{
    Byte = 1,
    Ascii = 2,
    Short = 3,
    Long = 4,
    Rational = 5,
    Undefined = 7,
}

/// <summary>
/// One image file directory being built: tag -> value. <see cref="TiffWriter"/> lays it out (entries sorted by
/// tag, values of up to 4 bytes inline, larger ones in a word-aligned data area). Adding a tag again replaces it.
/// </summary>
public sealed class TiffIfd
{
    private readonly SortedDictionary<ushort, TiffEntry> _entries = [];

    public int Count => _entries.Count;

    public bool Contains(ushort tag) => _entries.ContainsKey(tag);

    /// <summary>BYTE values.</summary>
    public TiffIfd AddBytes(ushort tag, params byte[] values) => Put(tag, new TiffEntry(TiffType.Byte, (uint)values.Length) { Raw = values.ToArray() });

    /// <summary>ASCII: the UTF-8 bytes of <paramref name="value"/> and a terminating NUL (counted).</summary>
    public TiffIfd AddAscii(ushort tag, string value)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return Put(tag, new TiffEntry(TiffType.Ascii, (uint)bytes.Length) { Raw = bytes });
    }

    /// <summary>SHORT values.</summary>
    public TiffIfd AddShorts(ushort tag, params ushort[] values) =>
        Put(tag, new TiffEntry(TiffType.Short, (uint)values.Length) { Numbers = values.Select(v => (uint)v).ToArray() });

    /// <summary>LONG values.</summary>
    public TiffIfd AddLongs(ushort tag, params uint[] values) => Put(tag, new TiffEntry(TiffType.Long, (uint)values.Length) { Numbers = values.ToArray() });

    /// <summary>RATIONAL values (numerator, denominator).</summary>
    public TiffIfd AddRationals(ushort tag, params (uint Numerator, uint Denominator)[] values) =>
        Put(tag, new TiffEntry(TiffType.Rational, (uint)values.Length) { Rationals = values.ToArray() });

    /// <summary>UNDEFINED bytes.</summary>
    public TiffIfd AddUndefined(ushort tag, params byte[] values) => Put(tag, new TiffEntry(TiffType.Undefined, (uint)values.Length) { Raw = values.ToArray() });

    /// <summary>A LONG pointer to a child IFD (0x8769 Exif, 0x8825 GPS, 0xA005 interoperability), written after this one.</summary>
    public TiffIfd AddSubIfd(ushort tag, TiffIfd child) => Put(tag, new TiffEntry(TiffType.Long, 1) { Child = child });

    /// <summary>
    /// LONG offsets to data blocks (StripOffsets 0x0111, JPEGInterchangeFormat 0x0201...) which the writer places after
    /// the directories; the matching byte counts are the caller's to add.
    /// </summary>
    public TiffIfd AddDataOffsets(ushort tag, IReadOnlyList<byte[]> blocks) =>
        Put(tag, new TiffEntry(TiffType.Long, (uint)blocks.Count) { Blocks = blocks.ToArray() });

    /// <summary>An entry whose <paramref name="count"/> values lie elsewhere in the file, at an offset the caller knows (IIQ's makernote: the Phase One block after the header).</summary>
    public TiffIfd AddValuesAt(ushort tag, TiffType type, uint count, uint offset) =>
        Put(tag, new TiffEntry(type, count) { Numbers = [offset], ValuesElsewhere = true });

    internal IEnumerable<KeyValuePair<ushort, TiffEntry>> Entries => _entries;

    private TiffIfd Put(ushort tag, TiffEntry entry)
    {
        _entries[tag] = entry;
        return this;
    }

    /// <summary>One field: its type and count, and exactly one kind of value.</summary>
    internal sealed record TiffEntry(TiffType Type, uint Count)
    {
        public byte[]? Raw { get; init; }

        public uint[]? Numbers { get; init; }

        public (uint Numerator, uint Denominator)[]? Rationals { get; init; }

        public TiffIfd? Child { get; init; }

        public byte[][]? Blocks { get; init; }

        /// <summary>The value field holds the offset in <see cref="Numbers"/>, not the values.</summary>
        public bool ValuesElsewhere { get; init; }

        public int ByteSize => ValuesElsewhere ? 4 : checked((int)Count * Type switch
        {
            TiffType.Short => 2,
            TiffType.Long => 4,
            TiffType.Rational => 8,
            _ => 1,
        });
    }
}
