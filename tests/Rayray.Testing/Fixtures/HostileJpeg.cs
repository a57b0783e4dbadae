using System.Security.Cryptography;
using System.Text;

namespace Rayray.Testing.Fixtures;

/// <summary>
/// JPEGs whose image is intact but whose metadata segments are hostile: EXIF blocks with lying directories, an XMP
/// packet of tens of megabytes spread over extended-XMP segments, extended-XMP segments that declare gigabytes,
/// and a chain of thousands of APP segments. The picture itself is a valid 64×48 baseline JPEG.
/// </summary>
public static class HostileJpeg
{
    private const int MaxSegmentPayload = 65533;
    private const string ExtendedXmpSignature = "http://ns.adobe.com/xmp/extension/";

    /// <summary>A valid JPEG whose APP1 EXIF block is <paramref name="tiff"/> (e.g. one of <see cref="HostileTiff"/>'s).</summary>
    public static byte[] WithExif(byte[] tiff) => WithSegments([Segment(0xE1, [.. "Exif\0\0"u8, .. tiff])]);

    /// <summary>
    /// A valid JPEG with an XMP packet of about <paramref name="megabytes"/> MB: a small main packet that names the
    /// extended packet's GUID, and the extended packet (a long description and thousands of keywords) in as many
    /// extended-XMP APP1 segments as it takes.
    /// </summary>
    public static byte[] WithGiantExtendedXmp(int megabytes)
    {
        var subjects = new StringBuilder();
        var description = new string('x', megabytes * 1024 * 1024 / 2);
        for (var i = 0; subjects.Length < megabytes * 1024 * 1024 / 2; i++)
            subjects.Append("<rdf:li>keyword ").Append(i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append("</rdf:li>");
        var extended = Encoding.UTF8.GetBytes(
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
            + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
            + $"<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">{description}</rdf:li></rdf:Alt></dc:description>"
            + $"<dc:subject><rdf:Bag>{subjects}</rdf:Bag></dc:subject>"
            + "</rdf:Description></rdf:RDF></x:xmpmeta>");
        // The GUID is meant to be the packet's MD5; readers only match it, so any 32 hex digits do.
        var guid = Convert.ToHexString(SHA256.HashData(extended))[..32];
        return WithSegments([MainXmp(guid), .. ExtendedXmpSegments(guid, extended, (uint)extended.Length)]);
    }

    /// <summary>
    /// A valid JPEG whose extended-XMP segments declare a full packet of <paramref name="declaredLength"/> bytes
    /// (e.g. 4 GB) while carrying a few kilobytes, at offsets near the declared end.
    /// </summary>
    public static byte[] WithLyingExtendedXmp(uint declaredLength)
    {
        const string Guid = "0123456789ABCDEF0123456789ABCDEF";
        var chunk = Encoding.ASCII.GetBytes("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"></x:xmpmeta>");
        List<byte[]> segments = [MainXmp(Guid), ExtendedXmp(Guid, declaredLength, 0, chunk)];
        if (declaredLength > chunk.Length)
            segments.Add(ExtendedXmp(Guid, declaredLength, declaredLength - (uint)chunk.Length, chunk));
        return WithSegments(segments);
    }

    /// <summary>
    /// A valid JPEG preceded by <paramref name="count"/> full-size APP2 ICC_PROFILE segments (about 64 KB each), which
    /// a reader concatenates into one profile whose header declares <paramref name="declaredTagCount"/> tags.
    /// </summary>
    public static byte[] WithGiantIccChain(int count, uint declaredTagCount = uint.MaxValue)
    {
        const int Header = 14; // "ICC_PROFILE\0", sequence number, count
        var payload = MaxSegmentPayload - Header;
        var segments = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            var body = new byte[payload];
            if (i == 0)
            {
                // Profile header: size, then at 128 the tag count; the tags it declares are not there.
                WriteU32(body, 0, (uint)Math.Min((long)payload * count, uint.MaxValue));
                "acsp"u8.CopyTo(body.AsSpan(36));
                WriteU32(body, 128, declaredTagCount);
            }
            segments.Add(Segment(0xE2, [.. "ICC_PROFILE\0"u8, (byte)Math.Min(i + 1, 255), (byte)Math.Min(count, 255), .. body]));
        }
        return WithSegments(segments);
    }

    /// <summary>A valid JPEG preceded by <paramref name="count"/> APPn segments of <paramref name="size"/> bytes each, of every APP type in turn.</summary>
    public static byte[] WithAppSegmentChain(int count, int size = MaxSegmentPayload)
    {
        var segments = new List<byte[]>(count);
        for (var i = 0; i < count; i++)
        {
            var body = new byte[size];
            Array.Fill(body, (byte)(i % 251));
            // Skip APP1 (EXIF/XMP) and APP2 (ICC): those have readers of their own, tested separately.
            segments.Add(Segment((byte)(0xE3 + (i % 13)), body));
        }
        return WithSegments(segments);
    }

    /// <summary>A valid 64×48 JPEG with <paramref name="segments"/> (each a whole marker segment) right after its start-of-image marker.</summary>
    public static byte[] WithSegments(IEnumerable<byte[]> segments)
    {
        var jpeg = TestImages.Jpeg(64, 48);
        using var output = new MemoryStream();
        output.Write(jpeg, 0, 2);
        foreach (var segment in segments)
            output.Write(segment);
        output.Write(jpeg, 2, jpeg.Length - 2);
        return output.ToArray();
    }

    /// <summary>A marker segment: FF, the marker, the big-endian length (2 + payload), the payload.</summary>
    public static byte[] Segment(byte marker, byte[] payload)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payload.Length, MaxSegmentPayload);
        var length = payload.Length + 2;
        return [0xFF, marker, (byte)(length >> 8), (byte)length, .. payload];
    }

    private static byte[] MainXmp(string guid) => Segment(0xE1, Encoding.UTF8.GetBytes(
        JpegWriter.XmpSignature + "\0"
        + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + "<rdf:Description rdf:about=\"\" xmlns:xmpNote=\"http://ns.adobe.com/xmp/note/\" "
        + $"xmpNote:HasExtendedXMP=\"{guid}\"/></rdf:RDF></x:xmpmeta>"));

    private static IEnumerable<byte[]> ExtendedXmpSegments(string guid, byte[] packet, uint declaredLength)
    {
        var room = MaxSegmentPayload - (ExtendedXmpSignature.Length + 1 + 32 + 8);
        for (var offset = 0; offset < packet.Length; offset += room)
            yield return ExtendedXmp(guid, declaredLength, (uint)offset, packet.AsSpan(offset, Math.Min(room, packet.Length - offset)).ToArray());
    }

    private static byte[] ExtendedXmp(string guid, uint fullLength, uint offset, byte[] chunk)
    {
        var header = new byte[8];
        WriteU32(header, 0, fullLength);
        WriteU32(header, 4, offset);
        return Segment(0xE1, [.. Encoding.ASCII.GetBytes(ExtendedXmpSignature), 0, .. Encoding.ASCII.GetBytes(guid), .. header, .. chunk]);
    }

    private static void WriteU32(byte[] buffer, int at, uint value) =>
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(at), value);
}
