namespace Rayray.Core.Extraction;

/// <summary>
/// A read-only, seekable view of a file for metadata parsers. The first bytes come from the
/// buffer the hashing loop already filled (for most photos, the whole file), the rest from the
/// source (the open file, or what a download kept or can ask for again) through a small window, so parsers that read a few bytes at a time do not cost a
/// system call each. Every read is charged to a <see cref="ReadBudget"/>. The start tag of a hostile XMP packet
/// reads as spaces, so the packet is not XML any more when a parser inside MetadataExtractor hands it to XmpCore.
/// </summary>
internal sealed class FileWindowStream(
    IContentSource source, long length, ReadOnlyMemory<byte> head, ReadBudget budget, IReadOnlyList<HostileXmpPacket> masked) : Stream
{
    private const int WindowSize = 64 * 1024;
    private byte[]? _window;
    private long _windowStart = -1;
    private int _windowLength;
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        if (_position >= length || destination.IsEmpty)
            return 0;
        var count = (int)Math.Min(destination.Length, length - _position);
        budget.Charge(count);
        var copied = 0;
        while (copied < count)
        {
            var at = _position + copied;
            ReadOnlySpan<byte> source;
            if (at < head.Length)
            {
                source = head.Span[(int)at..];
            }
            else
            {
                if (at < _windowStart || at >= _windowStart + _windowLength)
                    Fill(at);
                source = _window.AsSpan((int)(at - _windowStart), (int)(_windowStart + _windowLength - at));
                if (source.IsEmpty)
                    break;
            }
            var take = Math.Min(source.Length, count - copied);
            source[..take].CopyTo(destination[copied..]);
            copied += take;
        }
        foreach (var packet in masked)
        {
            var from = Math.Max(packet.Start, _position);
            var to = Math.Min(packet.NameEnd, _position + copied);
            if (from < to)
                destination[(int)(from - _position)..(int)(to - _position)].Fill((byte)' ');
        }
        _position += copied;
        return copied;
    }

    private void Fill(long at)
    {
        _window ??= new byte[WindowSize];
        _windowStart = at;
        _windowLength = source.Read(at, _window);
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        SeekOrigin.End => length + offset,
        _ => throw new ArgumentOutOfRangeException(nameof(origin)),
    };

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
