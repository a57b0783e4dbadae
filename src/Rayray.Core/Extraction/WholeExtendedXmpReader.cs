using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Xmp;
using XmpCore;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction;

/// <summary>
/// MetadataExtractor's JPEG XMP reader, handed only extended-XMP packets that are whole. An extended-XMP segment
/// declares the full packet's length and MetadataExtractor allocates that much before it looks at the chunks,
/// so a few bytes declaring 4 GB would allocate gigabytes; and a packet it cannot parse throws out of the whole
/// JPEG read, losing the EXIF with it. A packet whose chunks do not fill its declared length, or larger than
/// <see cref="MaxPacketBytes"/> (parsed, XMP takes ten times its size in memory), is left out; a packet that does
/// not parse is dropped and the main packet read again; either is noted. A whole packet too deep for XmpCore to parse
/// in reasonable time (<see cref="XmpPacketScanner"/>) is left out too.
/// </summary>
internal sealed class WholeExtendedXmpReader : IJpegSegmentMetadataReader
{
    private static readonly byte[] ExtendedSignature = Encoding.ASCII.GetBytes("http://ns.adobe.com/xmp/extension/\0");
    private const int GuidLength = 32;
    private static readonly int HeaderLength = ExtendedSignature.Length + GuidLength + 8;

    /// <summary>The largest extended packet read: as much as a HEIF item (<c>HeifReader</c>) or a PNG chunk.</summary>
    public const int MaxPacketBytes = PngMetadataChunks.MaxChunkBytes;

    private readonly XmpReader _reader = new();

    public ICollection<JpegSegmentType> SegmentTypes { get; } = [JpegSegmentType.App1];

    public IReadOnlyList<Directory> ReadJpegSegments(IEnumerable<JpegSegment> segments)
    {
        var all = segments.ToList();
        var notes = new List<string>();
        var partial = all.Where(IsExtended)
            .GroupBy(s => Encoding.ASCII.GetString(s.Bytes, ExtendedSignature.Length, GuidLength))
            .Select(packet => (packet.Key, Problem: Problem(packet.ToList())))
            .Where(packet => packet.Problem is not null)
            .Select(packet =>
            {
                notes.Add($"extended XMP packet {packet.Key} {packet.Problem}; it was not read");
                return packet.Key;
            })
            .ToHashSet(StringComparer.Ordinal);
        var kept = all.Where(s => !IsExtended(s) || !partial.Contains(Encoding.ASCII.GetString(s.Bytes, ExtendedSignature.Length, GuidLength))).ToList();

        List<Directory> directories;
        try
        {
            directories = [.. _reader.ReadJpegSegments(kept)];
        }
        catch (XmpException e) when (kept.Any(IsExtended))
        {
            notes.Add($"the extended XMP packet could not be parsed ({e.Message}); it was not read");
            directories = [.. _reader.ReadJpegSegments(kept.Where(s => !IsExtended(s)))];
        }
        if (notes.Count > 0)
        {
            var problems = new XmpDirectory();
            foreach (var note in notes)
                problems.AddError(note);
            directories.Add(problems);
        }
        return directories;
    }

    private static bool IsExtended(JpegSegment segment) =>
        segment.Bytes.Length >= HeaderLength && segment.Bytes.AsSpan(0, ExtendedSignature.Length).SequenceEqual(ExtendedSignature);

    private static long DeclaredLength(JpegSegment segment) => BinaryPrimitives.ReadUInt32BigEndian(segment.Bytes.AsSpan(ExtendedSignature.Length + GuidLength));

    private static long ChunkOffset(JpegSegment segment) => BinaryPrimitives.ReadUInt32BigEndian(segment.Bytes.AsSpan(ExtendedSignature.Length + GuidLength + 4));

    /// <summary>Null when the packet can be read: not too large, every chunk agrees on its length and lies inside it, and together they fill it.</summary>
    private static string? Problem(List<JpegSegment> chunks)
    {
        var declared = DeclaredLength(chunks[0]);
        if (declared > MaxPacketBytes)
            return string.Create(CultureInfo.InvariantCulture, $"declares {declared:N0} bytes, more than {MaxPacketBytes / (1024 * 1024)} MB");
        long held = 0;
        foreach (var chunk in chunks)
        {
            var length = chunk.Bytes.Length - HeaderLength;
            if (DeclaredLength(chunk) != declared || ChunkOffset(chunk) + length > declared)
                return string.Create(CultureInfo.InvariantCulture, $"has a segment that does not fit its declared {declared:N0} bytes");
            held += length;
        }
        if (held < declared)
            return string.Create(CultureInfo.InvariantCulture, $"declares {declared:N0} bytes but its segments hold {held:N0}");
        // Chunks interleave with segment headers on disk, so the file-wide scan cannot judge the packet whole.
        var packet = new byte[declared];
        foreach (var chunk in chunks)
            chunk.Bytes.AsSpan(HeaderLength).CopyTo(packet.AsSpan((int)ChunkOffset(chunk)));
        return XmpPacketScanner.Problem(packet);
    }
}
