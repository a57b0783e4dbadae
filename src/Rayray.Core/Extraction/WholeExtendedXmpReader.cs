using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Xmp;
using Rayray.Core.Extraction.Xmp;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction;

/// <summary>
/// The XMP packets of a JPEG (the main one and extended ones), each read by <see cref="XmpPackets"/> — streamed,
/// or by XmpCore as MetadataExtractor's JPEG XMP reader would — and only extended-XMP packets that are whole. An extended-XMP segment
/// declares the full packet's length and MetadataExtractor allocates that much before it looks at the chunks,
/// so a few bytes declaring 4 GB would allocate gigabytes; and a packet it cannot parse throws out of the whole
/// JPEG read, losing the EXIF with it. A packet whose chunks do not fill its declared length, or larger than
/// <see cref="MaxPacketBytes"/> (parsed, XMP takes ten times its size in memory), is left out; a packet that does
/// not parse is dropped and the main packet read again; either is noted. A whole packet too deep for XmpCore to parse
/// in reasonable time (<see cref="XmpPacketScanner"/>) is left out too.
/// </summary>
internal sealed class WholeExtendedXmpReader : IJpegSegmentMetadataReader
{
    private static readonly byte[] MainSignature = Encoding.ASCII.GetBytes("http://ns.adobe.com/xap/1.0/\0");
    private static readonly byte[] ExtendedSignature = Encoding.ASCII.GetBytes("http://ns.adobe.com/xmp/extension/\0");
    private const int GuidLength = 32;
    private static readonly int HeaderLength = ExtendedSignature.Length + GuidLength + 8;

    /// <summary>The largest extended packet read: as much as a HEIF item (<c>HeifReader</c>) or a PNG chunk.</summary>
    public const int MaxPacketBytes = PngMetadataChunks.MaxChunkBytes;

    public ICollection<JpegSegmentType> SegmentTypes { get; } = [JpegSegmentType.App1];

    public IReadOnlyList<Directory> ReadJpegSegments(IEnumerable<JpegSegment> segments)
    {
        var all = segments.ToList();
        var notes = new List<string>();
        var directories = new List<Directory>();
        foreach (var main in all.Where(s => s.Bytes.AsSpan().StartsWith(MainSignature)))
            directories.Add(XmpPackets.Read(main.Bytes, MainSignature.Length, main.Bytes.Length - MainSignature.Length));
        foreach (var chunks in all.Where(IsExtended).GroupBy(s => Encoding.ASCII.GetString(s.Bytes, ExtendedSignature.Length, GuidLength)))
        {
            var (packet, problem) = Assemble([.. chunks]);
            if (problem is not null)
            {
                notes.Add($"extended XMP packet {chunks.Key} {problem}; it was not read");
                continue;
            }
            var directory = XmpPackets.Read(packet!, 0, packet!.Length);
            if (directory is XmpDirectory { XmpMeta: null } failed)
                notes.Add($"the extended XMP packet could not be parsed ({string.Join("; ", failed.Errors)}); it was not read");
            else
                directories.Add(directory);
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

    /// <summary>
    /// The whole packet, or why it cannot be read: too large, a chunk that disagrees on the length or lies
    /// outside it, chunks that do not fill it, or XML too deep for a parser.
    /// </summary>
    private static (byte[]? Packet, string? Problem) Assemble(List<JpegSegment> chunks)
    {
        var declared = DeclaredLength(chunks[0]);
        if (declared > MaxPacketBytes)
            return (null, string.Create(CultureInfo.InvariantCulture, $"declares {declared:N0} bytes, more than {MaxPacketBytes / (1024 * 1024)} MB"));
        long held = 0;
        foreach (var chunk in chunks)
        {
            var length = chunk.Bytes.Length - HeaderLength;
            if (DeclaredLength(chunk) != declared || ChunkOffset(chunk) + length > declared)
                return (null, string.Create(CultureInfo.InvariantCulture, $"has a segment that does not fit its declared {declared:N0} bytes"));
            held += length;
        }
        if (held < declared)
            return (null, string.Create(CultureInfo.InvariantCulture, $"declares {declared:N0} bytes but its segments hold {held:N0}"));
        // Chunks interleave with segment headers on disk, so the file-wide scan cannot judge the packet whole.
        var packet = new byte[declared];
        foreach (var chunk in chunks)
            chunk.Bytes.AsSpan(HeaderLength).CopyTo(packet.AsSpan((int)ChunkOffset(chunk)));
        return XmpPacketScanner.Problem(packet) is { } deep ? (null, deep) : (packet, null);
    }
}
