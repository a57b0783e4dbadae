namespace Rayray.Core.Extraction;

/// <summary>
/// A read-only, seekable view made of byte ranges of another stream, back to back, then a few bytes of its own:
/// what a metadata reader sees of a file with some parts left out.
/// </summary>
internal sealed class SplicedStream : Stream
{
    private readonly Stream _inner;
    private readonly (long Start, long Length)[] _ranges;
    private readonly byte[] _tail;
    private readonly long _rangesLength;
    private long _position;

    public SplicedStream(Stream inner, IEnumerable<(long Start, long Length)> ranges, byte[] tail)
    {
        _inner = inner;
        _ranges = [.. ranges];
        _tail = tail;
        _rangesLength = _ranges.Sum(r => r.Length);
    }

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => _rangesLength + _tail.Length;

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        if (destination.IsEmpty)
            return 0;
        if (_position >= _rangesLength)
        {
            var at = _position - _rangesLength;
            if (at >= _tail.Length)
                return 0;
            var take = (int)Math.Min(destination.Length, _tail.Length - at);
            _tail.AsSpan((int)at, take).CopyTo(destination);
            _position += take;
            return take;
        }
        var rangeStart = 0L;
        foreach (var (start, length) in _ranges)
        {
            if (_position < rangeStart + length)
            {
                var within = _position - rangeStart;
                _inner.Position = start + within;
                var read = _inner.Read(destination[..(int)Math.Min(destination.Length, length - within)]);
                _position += read;
                return read;
            }
            rangeStart += length;
        }
        return 0;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        SeekOrigin.End => Length + offset,
        _ => throw new ArgumentOutOfRangeException(nameof(origin)),
    };

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
