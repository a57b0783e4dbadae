using System.Buffers.Binary;

namespace Rayray.Testing.Fixtures;

/// <summary>
/// Where a media file's headers begin and end — JPEG segments and scans, PNG chunks, ISO-BMFF boxes,
/// RIFF chunks, EBML elements, TIFF directories — and where its structure ends (the end-of-image
/// marker, IEND, the last box), so mutations can aim at the bytes parsers trust. Cutting a file
/// anywhere before <see cref="StructuralEnd"/> leaves it incomplete; bytes after it are trailers
/// (appended previews, padding) that a reader may ignore.
/// </summary>
public sealed record HostileLayout(IReadOnlyList<int> Boundaries, int StructuralEnd)
{
    private static readonly HashSet<string> IsoContainers = ["moov", "trak", "mdia", "minf", "stbl", "dinf", "edts", "udta", "iprp", "ipco", "meta"];

    public static HostileLayout Of(byte[] bytes)
    {
        var boundaries = new SortedSet<int>();
        int end;
        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8)
            end = Jpeg(bytes, boundaries);
        else if (bytes.Length >= 8 && bytes[1] == 'P' && bytes[2] == 'N' && bytes[3] == 'G')
            end = Png(bytes, boundaries);
        else if (bytes.Length >= 12 && bytes.AsSpan(4, 4).SequenceEqual("ftyp"u8))
            end = IsoBoxes(bytes, 0, bytes.Length, boundaries, depth: 0);
        else if (bytes.Length >= 12 && bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8))
            end = Riff(bytes, boundaries);
        else if (bytes.Length >= 4 && bytes.AsSpan(0, 4).SequenceEqual(new byte[] { 0x1A, 0x45, 0xDF, 0xA3 }))
            end = Ebml(bytes, 0, bytes.Length, boundaries, depth: 0);
        else if (bytes.Length >= 8 && (bytes.AsSpan(0, 4).SequenceEqual("II*\0"u8) || bytes.AsSpan(0, 4).SequenceEqual("MM\0*"u8)))
            end = Tiff(bytes, boundaries);
        else
            end = bytes.Length;
        boundaries.RemoveWhere(b => b <= 0 || b >= bytes.Length);
        return new HostileLayout([.. boundaries], Math.Clamp(end, 0, bytes.Length));
    }

    private static int Jpeg(byte[] b, SortedSet<int> boundaries)
    {
        var at = 2;
        boundaries.Add(2);
        while (at + 4 <= b.Length)
        {
            if (b[at] != 0xFF)
            {
                at++; // extraneous bytes between segments, which readers skip
                continue;
            }
            var marker = b[at + 1];
            if (marker == 0xD9)
                return at + 2;
            if (marker is >= 0xD0 and <= 0xD7 or 0x01 or 0xFF)
            {
                at += marker == 0xFF ? 1 : 2;
                continue;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at + 2));
            boundaries.Add(at);
            boundaries.Add(at + 2);
            boundaries.Add(at + 4);
            at += 2 + length;
            boundaries.Add(at);
            if (marker != 0xDA)
                continue;
            // Entropy-coded data: runs until a marker that is not a stuffed byte or a restart.
            while (at + 1 < b.Length && !(b[at] == 0xFF && b[at + 1] is not (0x00 or 0xFF or (>= 0xD0 and <= 0xD7))))
                at++;
            boundaries.Add(at);
        }
        return b.Length;
    }

    private static int Png(byte[] b, SortedSet<int> boundaries)
    {
        var at = 8;
        while (at + 12 <= b.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at));
            var type = b.AsSpan(at + 4, 4);
            boundaries.Add(at);
            boundaries.Add(at + 4);
            boundaries.Add(at + 8);
            var next = at + 12 + (long)length;
            if (next > b.Length)
                return b.Length;
            boundaries.Add((int)next - 4);
            at = (int)next;
            boundaries.Add(at);
            if (type.SequenceEqual("IEND"u8))
                return at;
        }
        return b.Length;
    }

    private static int IsoBoxes(byte[] b, int start, int end, SortedSet<int> boundaries, int depth)
    {
        var at = start;
        while (at + 8 <= end)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at));
            var header = 8;
            if (size == 1 && at + 16 <= end)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(b.AsSpan(at + 8));
                header = 16;
            }
            else if (size == 0)
            {
                size = end - at;
            }
            if (size < header || at + size > end)
                return at;
            boundaries.Add(at);
            boundaries.Add(at + header);
            var type = System.Text.Encoding.ASCII.GetString(b, at + 4, 4);
            if (depth < 6 && IsoContainers.Contains(type))
            {
                // meta is a full box: version and flags come before its children.
                var children = at + header + (type == "meta" ? 4 : 0);
                IsoBoxes(b, children, at + (int)size, boundaries, depth + 1);
            }
            at += (int)size;
            boundaries.Add(at);
        }
        return at;
    }

    private static int Riff(byte[] b, SortedSet<int> boundaries)
    {
        var end = (int)Math.Min(8L + BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(4)), b.Length);
        var at = 12;
        boundaries.Add(4);
        boundaries.Add(8);
        boundaries.Add(12);
        while (at + 8 <= end)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at + 4));
            boundaries.Add(at);
            boundaries.Add(at + 8);
            // LIST chunks hold more chunks after a 4-byte list type; a reader walks into them.
            var next = at + 8 + (long)size + (size & 1);
            if (b.AsSpan(at, 4).SequenceEqual("LIST"u8))
            {
                next = at + 12;
                boundaries.Add(at + 12);
            }
            if (next > end)
                break;
            at = (int)next;
        }
        return end;
    }

    private static int Ebml(byte[] b, int start, int end, SortedSet<int> boundaries, int depth)
    {
        var at = start;
        while (at < end)
        {
            var id = VarInt(b, at, end, keepMarker: true);
            if (id is null)
                return at;
            var size = VarInt(b, at + id.Value.Length, end, keepMarker: false);
            if (size is null)
                return at;
            var body = at + id.Value.Length + size.Value.Length;
            boundaries.Add(at);
            boundaries.Add(body);
            var unknownSize = size.Value.Value == (1L << (7 * size.Value.Length)) - 1;
            var elementEnd = unknownSize ? end : body + size.Value.Value;
            // The Segment (and a Cluster) hold the elements a reader walks through.
            if (depth < 2 && id.Value.Value is 0x18538067 or 0x1F43B675)
                Ebml(b, body, (int)Math.Min(elementEnd, end), boundaries, depth + 1);
            if (elementEnd > end)
                return end;
            at = (int)elementEnd;
            boundaries.Add(at);
        }
        return at;
    }

    private static (long Value, int Length)? VarInt(byte[] b, int at, int end, bool keepMarker)
    {
        if (at >= end || b[at] == 0)
            return null;
        var length = System.Numerics.BitOperations.LeadingZeroCount((uint)b[at]) - 23;
        if (at + length > end)
            return null;
        long value = keepMarker ? b[at] : b[at] & (0xFF >> length);
        for (var i = 1; i < length; i++)
            value = (value << 8) | b[at + i];
        return (value, length);
    }

    private static int Tiff(byte[] b, SortedSet<int> boundaries)
    {
        var little = b[0] == 'I';
        uint U32(int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at));
        ushort U16(int at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at));

        boundaries.Add(4);
        boundaries.Add(8);
        var end = 8L;
        var pending = new Queue<uint>([U32(4)]);
        var seen = new HashSet<uint>();
        while (pending.TryDequeue(out var ifd))
        {
            if (ifd < 8 || ifd + 2 > b.Length || !seen.Add(ifd))
                continue;
            var count = U16((int)ifd);
            var tableEnd = ifd + 2 + (12L * count);
            if (tableEnd + 4 > b.Length)
                continue;
            boundaries.Add((int)ifd);
            boundaries.Add((int)ifd + 2);
            boundaries.Add((int)tableEnd);
            end = Math.Max(end, tableEnd + 4);
            uint[]? offsets = null, counts = null;
            for (var i = 0; i < count; i++)
            {
                var entry = (int)ifd + 2 + (12 * i);
                var tag = U16(entry);
                var type = U16(entry + 2);
                var n = U32(entry + 4);
                var unit = type switch { 3 => 2, 4 or 9 or 13 => 4, 5 or 10 or 12 => 8, _ => 1 };
                var valueAt = unit * (long)n <= 4 ? entry + 8 : (long)U32(entry + 8);
                if (valueAt + (unit * (long)n) > b.Length)
                    continue;
                end = Math.Max(end, valueAt + (unit * n));
                if (tag is 0x8769 or 0x8825 or 0xA005 && n == 1)
                    pending.Enqueue(U32(entry + 8));
                uint[] Values() => [.. Enumerable.Range(0, (int)n).Select(k => type == 3 ? U16((int)valueAt + (2 * k)) : U32((int)valueAt + (4 * k)))];
                if (tag is 0x0111 or 0x0144)
                    offsets = Values();
                if (tag is 0x0117 or 0x0145)
                    counts = Values();
            }
            for (var i = 0; offsets is not null && counts is not null && i < Math.Min(offsets.Length, counts.Length); i++)
            {
                boundaries.Add((int)Math.Min(offsets[i], b.Length));
                end = Math.Max(end, (long)offsets[i] + counts[i]);
            }
            pending.Enqueue(U32((int)tableEnd));
        }
        return (int)Math.Min(end, b.Length);
    }
}
