namespace Rayray.Testing.Fixtures;

/// <summary>
/// Serializes a <see cref="TiffIfd"/> tree into a TIFF structure: header ("II"/"MM", 42, offset 8), IFD0 at 8,
/// each directory followed by its out-of-line values, then its child directories, then its data blocks. All
/// offsets are relative to the header and word (2-byte) aligned; each IFD's next-IFD offset is 0.
/// </summary>
public static class TiffWriter
{
    /// <param name="magic">The header's second word: 42 for TIFF, 0x55 for Panasonic RW2.</param>
    /// <param name="prefix">Bytes placed right after the header, before IFD0 (a Phase One IIQ keeps its own directory there).</param>
    public static byte[] Write(TiffIfd ifd0, bool bigEndian = false, ushort magic = 42, byte[]? prefix = null)
    {
        var buffer = new ByteBuffer(bigEndian);
        buffer.Ascii(bigEndian ? "MM" : "II");
        buffer.U16(magic);
        var prefixLength = prefix?.Length ?? 0;
        buffer.U32(8u + (uint)(prefixLength + (prefixLength % 2)));
        buffer.Bytes(prefix ?? []);
        WriteIfd(buffer, ifd0);
        return buffer.ToArray();
    }

    private static uint WriteIfd(ByteBuffer buffer, TiffIfd ifd)
    {
        buffer.Align(2);
        var start = buffer.Length;
        var entries = ifd.Entries.ToList();
        buffer.Zeros(2 + (12 * entries.Count) + 4);

        // Reserve the out-of-line value areas right after the directory.
        var valueOffsets = new int[entries.Count];
        for (var i = 0; i < entries.Count; i++)
        {
            var size = entries[i].Value.ByteSize;
            if (size <= 4)
                continue;
            buffer.Align(2);
            valueOffsets[i] = buffer.Length;
            buffer.Zeros(size);
        }

        var childOffsets = new Dictionary<ushort, uint>();
        foreach (var (tag, entry) in entries)
        {
            if (entry.Child is { } child)
                childOffsets[tag] = WriteIfd(buffer, child);
        }

        var blockOffsets = new Dictionary<ushort, uint[]>();
        foreach (var (tag, entry) in entries)
        {
            if (entry.Blocks is not { } blocks)
                continue;
            var offsets = new uint[blocks.Length];
            for (var b = 0; b < blocks.Length; b++)
            {
                buffer.Align(2);
                offsets[b] = (uint)buffer.Length;
                buffer.Bytes(blocks[b]);
            }
            blockOffsets[tag] = offsets;
        }

        buffer.PatchU16(start, entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            var (tag, entry) = entries[i];
            var value = Encode(entry, buffer.BigEndian, childOffsets.GetValueOrDefault(tag), blockOffsets.GetValueOrDefault(tag));
            var at = start + 2 + (12 * i);
            buffer.PatchU16(at, tag);
            buffer.PatchU16(at + 2, (int)entry.Type);
            buffer.PatchU32(at + 4, entry.Count);
            if (value.Length <= 4)
            {
                buffer.PatchBytes(at + 8, value);
            }
            else
            {
                buffer.PatchU32(at + 8, (uint)valueOffsets[i]);
                buffer.PatchBytes(valueOffsets[i], value);
            }
        }
        return (uint)start;
    }

    private static byte[] Encode(TiffIfd.TiffEntry entry, bool bigEndian, uint childOffset, uint[]? blockOffsets)
    {
        var value = new ByteBuffer(bigEndian);
        if (entry.ValuesElsewhere)
        {
            value.U32(entry.Numbers![0]);
        }
        else if (entry.Raw is { } raw)
        {
            value.Bytes(raw);
        }
        else if (entry.Child is not null)
        {
            value.U32(childOffset);
        }
        else if (blockOffsets is not null)
        {
            foreach (var offset in blockOffsets)
                value.U32(offset);
        }
        else if (entry.Rationals is { } rationals)
        {
            foreach (var (numerator, denominator) in rationals)
            {
                value.U32(numerator);
                value.U32(denominator);
            }
        }
        else if (entry.Numbers is { } numbers)
        {
            foreach (var number in numbers)
            {
                if (entry.Type == TiffType.Short)
                    value.U16(checked((ushort)number));
                else
                    value.U32(number);
            }
        }
        return value.ToArray();
    }
}
