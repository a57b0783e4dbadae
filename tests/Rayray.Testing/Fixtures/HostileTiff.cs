namespace Rayray.Testing.Fixtures;

/// <summary>
/// Hand-built little-endian TIFF structures whose image file directories lie: entry counts far larger than the
/// file, values and strips past its end, and IFD links that loop (IFD0 → IFD1 → IFD0, an IFD linked to itself,
/// sub-IFD pointers back to their parents). Apart from the lie each file is a valid 8×8 greyscale TIFF, so
/// the same bytes serve as a standalone .tif and as the EXIF block of a JPEG.
/// </summary>
public static class HostileTiff
{
    private const ushort Short = 3;
    private const ushort Long = 4;
    private const ushort Ascii = 2;
    private const int StripLength = 64;

    private readonly record struct Entry(ushort Tag, ushort Type, uint Count, uint Value);

    /// <summary>IFD0 declares <paramref name="count"/> entries; the file ends after the few that are really there.</summary>
    public static byte[] HugeEntryCount(ushort count = ushort.MaxValue)
    {
        var tiff = Build(ifd0Next: _ => 0);
        var buffer = new ByteBuffer(bigEndian: false);
        buffer.Bytes(tiff);
        buffer.PatchU16(8, count);
        return buffer.ToArray();
    }

    /// <summary>A BigTIFF header (64-bit offsets) whose IFD0 declares <paramref name="count"/> 20-byte entries, with two present.</summary>
    public static byte[] BigTiffHugeEntryCount(ulong count = 1UL << 31)
    {
        var buffer = new ByteBuffer(bigEndian: false);
        buffer.Ascii("II");
        buffer.U16(43);
        buffer.U16(8); // offset size
        buffer.U16(0);
        U64(buffer, 16);
        U64(buffer, count);
        foreach (var (tag, value) in new[] { (256, 8u), (257, 8u) })
        {
            buffer.U16(tag);
            buffer.U16(Long);
            U64(buffer, 1);
            U64(buffer, value);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// Entries whose values lie past the end of the file: a Make of 2^31 - 1 characters at offset 0xFFFFFF00, an
    /// Exif IFD pointer past the end, and a strip of 2^30 bytes starting inside the file.
    /// </summary>
    public static byte[] EntriesPastTheEnd() => Build(
        ifd0Next: _ => 0,
        extra: _ => [new Entry(0x010F, Ascii, int.MaxValue, 0xFFFFFF00), new Entry(0x8769, Long, 1, 0x7FFFFFF0)],
        stripByteCount: 1u << 30);

    /// <summary>IFD0 links to IFD1, and IFD1 links back to IFD0.</summary>
    public static byte[] IfdChainLoop() => Build(ifd0Next: layout => layout.Ifd1, ifd1Next: _ => 8);

    /// <summary>IFD0's next-IFD offset is IFD0 itself.</summary>
    public static byte[] SelfLinkedIfd() => Build(ifd0Next: _ => 8);

    /// <summary>
    /// IFD0 points to an Exif IFD whose interoperability pointer leads back to the Exif IFD and whose Exif pointer
    /// leads back to IFD0; IFD0's SubIFDs tag points at IFD0 itself.
    /// </summary>
    public static byte[] SubIfdLoop() => Build(
        ifd0Next: _ => 0,
        extra: layout => [new Entry(0x014A, Long, 1, 8), new Entry(0x8769, Long, 1, layout.ExifIfd)],
        exifEntries: layout => [new Entry(0x8769, Long, 1, 8), new Entry(0xA005, Long, 1, layout.ExifIfd), new Entry(0x9000, 7, 4, 0x30333230)]);

    private sealed record Layout(uint Ifd1, uint ExifIfd, uint Strip);

    private static byte[] Build(
        Func<Layout, uint> ifd0Next,
        Func<Layout, uint>? ifd1Next = null,
        Func<Layout, Entry[]>? extra = null,
        Func<Layout, Entry[]>? exifEntries = null,
        uint stripByteCount = StripLength)
    {
        // Measure with a placeholder layout: entry counts do not depend on the offsets.
        var placeholder = new Layout(0, 0, 0);
        var ifd0Count = Ifd0(placeholder, extra, stripByteCount).Length;
        var ifd1Count = ifd1Next is null ? 0 : Ifd1(placeholder).Length;
        var exifCount = exifEntries?.Invoke(placeholder).Length ?? 0;
        var ifd1 = 8u + IfdSize(ifd0Count);
        var exif = ifd1 + (ifd1Next is null ? 0 : IfdSize(ifd1Count));
        var strip = exif + (exifEntries is null ? 0 : IfdSize(exifCount));
        var layout = new Layout(ifd1, exif, strip);

        var buffer = new ByteBuffer(bigEndian: false);
        buffer.Ascii("II");
        buffer.U16(42);
        buffer.U32(8u);
        WriteIfd(buffer, Ifd0(layout, extra, stripByteCount), ifd0Next(layout));
        if (ifd1Next is not null)
            WriteIfd(buffer, Ifd1(layout), ifd1Next(layout));
        if (exifEntries is not null)
            WriteIfd(buffer, exifEntries(layout), 0);
        var pixels = new byte[StripLength];
        Array.Fill(pixels, (byte)128);
        buffer.Bytes(pixels);
        return buffer.ToArray();
    }

    private static Entry[] Ifd0(Layout layout, Func<Layout, Entry[]>? extra, uint stripByteCount) =>
    [
        .. Image(layout.Strip, stripByteCount),
        .. extra?.Invoke(layout) ?? [],
    ];

    /// <summary>A second image (a thumbnail, as IFD1 usually is) sharing the first one's strip.</summary>
    private static Entry[] Ifd1(Layout layout) => Image(layout.Strip, StripLength);

    private static Entry[] Image(uint strip, uint stripByteCount) =>
    [
        new(0x0100, Short, 1, 8), // ImageWidth
        new(0x0101, Short, 1, 8), // ImageLength
        new(0x0102, Short, 1, 8), // BitsPerSample
        new(0x0103, Short, 1, 1), // Compression: none
        new(0x0106, Short, 1, 1), // PhotometricInterpretation: black is zero
        new(0x0111, Long, 1, strip), // StripOffsets
        new(0x0115, Short, 1, 1), // SamplesPerPixel
        new(0x0116, Short, 1, 8), // RowsPerStrip
        new(0x0117, Long, 1, stripByteCount), // StripByteCounts
    ];

    private static uint IfdSize(int entries) => (uint)(2 + (12 * entries) + 4);

    private static void WriteIfd(ByteBuffer buffer, Entry[] entries, uint next)
    {
        buffer.U16(entries.Length);
        foreach (var entry in entries.OrderBy(e => e.Tag))
        {
            buffer.U16(entry.Tag);
            buffer.U16(entry.Type);
            buffer.U32(entry.Count);
            if (entry.Type == Short && entry.Count == 1)
            {
                buffer.U16((ushort)entry.Value);
                buffer.U16(0);
            }
            else
            {
                buffer.U32(entry.Value);
            }
        }
        buffer.U32(next);
    }

    private static void U64(ByteBuffer buffer, ulong value)
    {
        buffer.U32((uint)value);
        buffer.U32((uint)(value >> 32));
    }
}
