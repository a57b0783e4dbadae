using System.Buffers;
using System.Security.Cryptography;
using Rayray.Core.Documents;
using Rayray.Core.Extraction.Integrity;

namespace Rayray.Core.Extraction;

/// <summary>
/// The one sequential read of a file: every byte after the head goes once through SHA-256, the
/// format's streaming structure check and the XMP packet scanner. One instance per worker: it owns
/// its chunk buffer.
/// </summary>
internal sealed class ContentHasher : IDisposable
{
    private const int ChunkSize = 1024 * 1024;

    private readonly byte[] _chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>
    /// Hashes the head (already read) and the rest of the source up to <paramref name="length"/>, or
    /// to its end when the length is not known yet. Returns the hash and how many bytes it covered.
    /// </summary>
    public (string Hash, long Length) Hash(
        IContentSource source, ReadOnlyMemory<byte> head, long? length, IStreamingCheck? check,
        (XmpPacketScanner? Scanner, long End) xmp, CancellationToken cancellationToken)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        check?.Append(head.Span);
        xmp.Scanner?.Append(head.Span[..(int)Math.Min(head.Length, xmp.End)]);
        if (head.Length == length)
        {
            SHA256.HashData(head.Span, digest);
            return (DocumentId.HashFromDigest(digest), head.Length);
        }

        _sha256.AppendData(head.Span);
        long offset = head.Length;
        while (length is null || offset < length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = source.Read(offset, _chunk.AsSpan(0, ChunkSize));
            if (read == 0)
                break; // the end of a download of unknown length, or a file that shrank while it was read
            _sha256.AppendData(_chunk.AsSpan(0, read));
            check?.Append(_chunk.AsSpan(0, read));
            if (offset < xmp.End)
                xmp.Scanner?.Append(_chunk.AsSpan(0, (int)Math.Min(read, xmp.End - offset)));
            offset += read;
        }
        _sha256.GetHashAndReset(digest);
        return (DocumentId.HashFromDigest(digest), offset);
    }

    /// <summary>
    /// Where a JPEG's first scan (SOS) starts, found by walking its segments in the bytes given; MetadataExtractor reads
    /// no segment after it. Null when the walk leaves the bytes given or meets something that is not a segment.
    /// </summary>
    public static long? JpegHeadersEnd(ReadOnlySpan<byte> head)
    {
        var at = 2;
        while (at + 4 <= head.Length)
        {
            if (head[at] != 0xFF)
                return null;
            var marker = head[at + 1];
            if (marker == 0xFF)
            {
                at++; // fill bytes
                continue;
            }
            if (marker == 0xDA)
                return at;
            at += 2 + ((head[at + 2] << 8) | head[at + 3]);
        }
        return null;
    }

    /// <summary>Reads until the buffer is full or the source ends.</summary>
    public static int ReadFully(IContentSource source, Span<byte> buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = source.Read(offset + total, buffer[total..]);
            if (read == 0)
                break;
            total += read;
        }
        return total;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_chunk);
        _sha256.Dispose();
    }
}
