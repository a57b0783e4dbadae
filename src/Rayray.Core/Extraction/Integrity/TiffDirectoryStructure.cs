using System.Buffers.Binary;
using System.Globalization;

namespace Rayray.Core.Extraction.Integrity;

/// <summary>
/// Walks a TIFF's image file directories — IFD0, the IFDs chained after it and the sub-IFDs they point to (Exif,
/// GPS, interoperability, SubIFDs) — and finds the two ways they break a file: IFD0 running past the end of the
/// file, and a link back into the chain that led to it (a loop, which MetadataExtractor silently cuts short).
/// A later IFD or a sub-IFD that lies outside the file is left to the metadata reader: writers leave stale
/// pointers behind, and the picture does not depend on them.
/// </summary>
public static class TiffDirectoryStructure
{
    private const int MaxDirectories = 256;
    private const int MaxDepth = 8;
    private const int MaxSubIfdPointers = 64;
    private const int EntryLength = 12;

    public static string? Check(Stream stream, long fileLength)
    {
        Span<byte> header = stackalloc byte[8];
        stream.Position = 0;
        if (stream.ReadAtLeast(header, 8, throwOnEndOfStream: false) < 8)
            return "truncated: the file ends inside the TIFF header";
        var walk = new Walk(stream, fileLength, header[0] == (byte)'I');
        // BigTIFF (43) has 64-bit offsets; its structure is left to the metadata reader.
        return walk.U16(header[2..]) == 43 ? null : walk.Chain(walk.U32(header[4..]), "IFD0", depth: 0);
    }

    private sealed class Walk(Stream stream, long fileLength, bool littleEndian)
    {
        private readonly HashSet<long> _path = [];
        private readonly HashSet<long> _seen = [];

        public ushort U16(ReadOnlySpan<byte> b) => littleEndian ? BinaryPrimitives.ReadUInt16LittleEndian(b) : BinaryPrimitives.ReadUInt16BigEndian(b);

        public uint U32(ReadOnlySpan<byte> b) => littleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(b) : BinaryPrimitives.ReadUInt32BigEndian(b);

        /// <summary>Follows one chain of IFDs (each one's next-IFD link) and the sub-IFDs of each.</summary>
        public string? Chain(long offset, string name, int depth)
        {
            var added = new List<long>();
            try
            {
                for (var index = 0; offset != 0; index++)
                {
                    if (_path.Contains(offset))
                        return string.Create(CultureInfo.InvariantCulture, $"damaged: the IFD at offset {offset} links back into its own chain (a loop)");
                    if (!_seen.Add(offset) || _seen.Count > MaxDirectories)
                        return null; // shared with another chain and checked there, or more than any real file has
                    var entries = ReadEntries(offset);
                    if (entries is null)
                        return depth == 0 && index == 0 ? Ifd0Outside(offset) : null;
                    _path.Add(offset);
                    added.Add(offset);
                    if (depth < MaxDepth)
                    {
                        foreach (var (subName, subOffset) in SubIfds(entries))
                        {
                            if (Chain(subOffset, subName, depth + 1) is { } damage)
                                return damage;
                        }
                    }
                    offset = NextOffset(offset, entries.Length / EntryLength);
                    name = string.Create(CultureInfo.InvariantCulture, $"IFD{index + 1}");
                }
                return null;
            }
            finally
            {
                foreach (var offsetOnPath in added)
                    _path.Remove(offsetOnPath);
            }
        }

        private string Ifd0Outside(long offset) => offset switch
        {
            < 8 => string.Create(CultureInfo.InvariantCulture, $"damaged: IFD0 offset {offset} points into the TIFF header"),
            _ when offset > fileLength - 2 => string.Create(CultureInfo.InvariantCulture, $"truncated: IFD0 at offset {offset} lies past the end of the file at byte {fileLength}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"truncated: IFD0 at offset {offset} declares {DeclaredCount(offset)} entries but the file ends at byte {fileLength}"),
        };

        /// <summary>The entry table of the IFD at <paramref name="offset"/>; null when it does not lie inside the file.</summary>
        private byte[]? ReadEntries(long offset)
        {
            if (offset < 8 || offset > fileLength - 2)
                return null;
            var count = DeclaredCount(offset);
            var length = count * EntryLength;
            if (length > fileLength - offset - 2)
                return null;
            var entries = new byte[length];
            stream.Position = offset + 2;
            stream.ReadExactly(entries);
            return entries;
        }

        private int DeclaredCount(long offset)
        {
            if (offset < 0 || offset > fileLength - 2)
                return 0;
            Span<byte> count = stackalloc byte[2];
            stream.Position = offset;
            stream.ReadExactly(count);
            return U16(count);
        }

        /// <summary>The next-IFD link after the entries; 0 (the end of the chain) when the file ends before it.</summary>
        private long NextOffset(long offset, int count)
        {
            var at = offset + 2 + ((long)count * EntryLength);
            if (at > fileLength - 4)
                return 0;
            Span<byte> next = stackalloc byte[4];
            stream.Position = at;
            stream.ReadExactly(next);
            return U32(next);
        }

        private IEnumerable<(string Name, long Offset)> SubIfds(byte[] entries)
        {
            for (var at = 0; at + EntryLength <= entries.Length; at += EntryLength)
            {
                var entry = entries.AsSpan(at, EntryLength);
                var name = U16(entry) switch
                {
                    0x014A => "SubIFD",
                    0x8769 => "Exif IFD",
                    0x8825 => "GPS IFD",
                    0xA005 => "Interoperability IFD",
                    _ => null,
                };
                var type = U16(entry[2..]);
                var count = U32(entry[4..]);
                // Pointers are LONG (4) or IFD (13); one fits in the entry, more are stored at the offset it holds.
                if (name is null || type is not (4 or 13) || count == 0)
                    continue;
                if (count == 1)
                {
                    yield return (name, U32(entry[8..]));
                    continue;
                }
                var values = (long)U32(entry[8..]);
                var take = (int)Math.Min(count, MaxSubIfdPointers);
                if (values > fileLength - (4L * take))
                    continue;
                var pointers = new byte[4 * take];
                stream.Position = values;
                stream.ReadExactly(pointers);
                for (var i = 0; i < take; i++)
                    yield return (name, U32(pointers.AsSpan(4 * i)));
            }
        }
    }
}
