using System.Buffers;
using System.Globalization;
using System.Net;
using Rayray.Core.Extraction;

namespace Rayray.Core.Web;

/// <summary>
/// A response body as an <see cref="IContentSource"/>. The body is read once, in order, by the
/// extractor's hashing pass; its last <see cref="TailCapacity"/> bytes are kept as they pass (a
/// movie's index, a TGA footer and a RAW trailer sit there), the first megabyte is kept by the
/// extractor. The metadata parsers' reads elsewhere are asked for again with HTTP range requests
/// tied to this version (If-Range), after the body is done, so one file never has two requests in
/// flight; a server that does not send ranges leaves that metadata unread, the file intact.
/// Nothing holds the whole body: large videos stream through.
/// </summary>
internal sealed class WebContentSource : IContentSource, IDisposable
{
    internal const int TailCapacity = 4 * 1024 * 1024;
    private const int MaxRangeRequests = 16;
    private const int SkipLimit = 256 * 1024;
    private const int ScratchSize = 64 * 1024;

    private readonly WebFetcher _fetcher;
    private readonly WebAddress _address;
    private readonly Uri _uri;
    private readonly HostSlots.Slot _slot;
    private readonly CancellationToken _stop;
    private CancellationTokenSource _readTimeout;
    private HttpResponseMessage? _response;
    private Stream? _body;
    private long _position;
    private byte[]? _tail;
    private byte[]? _scratch;
    private HttpResponseMessage? _rangeResponse;
    private Stream? _range;
    private long _rangePosition;
    private int _rangeRequests;
    private string? _noRanges;

    public WebContentSource(WebFetcher fetcher, WebAddress address, Uri uri, HttpResponseMessage response, HostSlots.Slot slot, WebValidators validators, CancellationToken stop)
    {
        (_fetcher, _address, _uri, _response, _slot, Validators, _stop) = (fetcher, address, uri, response, slot, validators, stop);
        Length = response.Content.Headers.ContentLength;
        _readTimeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        _body = response.Content.ReadAsStream(stop);
    }

    public long? Length { get; private set; }

    public WebValidators Validators { get; }

    public int Read(long offset, Span<byte> buffer)
    {
        if (buffer.IsEmpty || offset >= Length)
            return 0;
        if (_body is not null && offset == _position)
            return ReadBody(buffer);
        if (_tail is not null && offset < _position && offset >= _position - Math.Min(_position, _tail.Length))
            return ReadTail(offset, buffer);
        if (_body is not null)
            throw new ContentGapException("those bytes are not downloaded yet");
        return ReadRange(offset, buffer);
    }

    private int ReadBody(Span<byte> buffer)
    {
        _tail ??= ArrayPool<byte>.Shared.Rent((int)Math.Clamp(Length ?? TailCapacity, 1, TailCapacity));
        var at = (int)(_position % _tail.Length);
        var read = ReadTimed(_body!, _tail.AsMemory(at, Math.Min(buffer.Length, _tail.Length - at)));
        if (read == 0)
        {
            EndBody();
            if (Length is { } length && _position < length)
                throw new WebFailureException(string.Create(CultureInfo.InvariantCulture, $"the download from {_uri.Authority} ended after {_position:N0} of {length:N0} bytes"));
            Length = _position;
            return 0;
        }
        _tail.AsSpan(at, read).CopyTo(buffer);
        _position += read;
        if (_position == Length)
            EndBody();
        return read;
    }

    private int ReadTail(long offset, Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, _position - offset);
        var at = (int)(offset % _tail!.Length);
        var first = Math.Min(count, _tail.Length - at);
        _tail.AsSpan(at, first).CopyTo(buffer);
        _tail.AsSpan(0, count - first).CopyTo(buffer[first..]);
        return count;
    }

    private int ReadRange(long offset, Span<byte> buffer)
    {
        if (_noRanges is not null)
            throw new ContentGapException(_noRanges);
        try
        {
            if (_range is null || offset < _rangePosition || offset - _rangePosition > SkipLimit)
                OpenRange(offset);
            _scratch ??= ArrayPool<byte>.Shared.Rent(ScratchSize);
            while (_rangePosition < offset)
                Advance(ReadTimed(_range!, _scratch.AsMemory(0, (int)Math.Min(_scratch.Length, offset - _rangePosition))));
            var read = ReadTimed(_range!, _scratch.AsMemory(0, Math.Min(_scratch.Length, buffer.Length)));
            Advance(read);
            _scratch.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        catch (WebFailureException e)
        {
            _noRanges = $"asking the server for those bytes again failed: {e.Message}";
            CloseRange();
            throw new ContentGapException(_noRanges);
        }
    }

    private void Advance(int read)
    {
        if (read == 0)
            throw new WebFailureException("the part ended early");
        _rangePosition += read;
    }

    private void OpenRange(long offset)
    {
        CloseRange();
        var condition = Validators.RangeCondition();
        if (condition is null || ++_rangeRequests > MaxRangeRequests)
        {
            _noRanges = condition is null
                ? "the server gave no ETag or Last-Modified to ask for the same version of the file again"
                : string.Create(CultureInfo.InvariantCulture, $"more than {MaxRangeRequests} parts of the file would have to be downloaded again");
            throw new ContentGapException(_noRanges);
        }
        var response = _fetcher.SendRange(_address, _uri, offset, condition, _stop);
        if (response.StatusCode != HttpStatusCode.PartialContent || response.Content.Headers.ContentRange?.From != offset)
        {
            _noRanges = response.StatusCode == HttpStatusCode.OK
                ? "the server does not send parts of a file (HTTP ranges), or the file changed on it"
                : string.Create(CultureInfo.InvariantCulture, $"the server answered HTTP {(int)response.StatusCode} to a range request");
            response.Dispose();
            throw new ContentGapException(_noRanges);
        }
        _rangeResponse = response;
        _range = response.Content.ReadAsStream(_stop);
        _rangePosition = offset;
    }

    /// <summary>One read of the body, given up when no byte comes for the timeout.</summary>
    private int ReadTimed(Stream stream, Memory<byte> destination)
    {
        if (!_readTimeout.TryReset())
        {
            _readTimeout.Dispose();
            _readTimeout = CancellationTokenSource.CreateLinkedTokenSource(_stop);
        }
        _readTimeout.CancelAfter(_fetcher.Options.Timeout);
        try
        {
            return stream.ReadAsync(destination, _readTimeout.Token).AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException e) when (!_stop.IsCancellationRequested)
        {
            throw new WebFailureException($"timed out: no data from {_uri.Authority} for {WebFetcher.Seconds(_fetcher.Options.Timeout)}", e);
        }
        catch (IOException e) when (e is not WebFailureException && !_stop.IsCancellationRequested)
        {
            throw new WebFailureException($"the download from {_uri.Authority} broke off: {e.Message}", e);
        }
    }

    private void EndBody()
    {
        _body?.Dispose();
        _body = null;
        _response?.Dispose();
        _response = null;
    }

    private void CloseRange()
    {
        _range?.Dispose();
        _range = null;
        _rangeResponse?.Dispose();
        _rangeResponse = null;
    }

    public void Dispose()
    {
        EndBody();
        CloseRange();
        if (_tail is not null)
            ArrayPool<byte>.Shared.Return(_tail);
        if (_scratch is not null)
            ArrayPool<byte>.Shared.Return(_scratch);
        _tail = _scratch = null;
        _readTimeout.Dispose();
        _slot.Dispose();
    }
}
