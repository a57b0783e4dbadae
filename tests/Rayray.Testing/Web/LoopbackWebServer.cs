using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Rayray.Testing.Web;

/// <summary>
/// A small HTTP/1.1 server on loopback for the tests of files on the web: it serves bytes with an
/// ETag and Last-Modified (answering conditional and range requests, or ignoring them), redirects,
/// asks for Basic credentials, stalls, and counts what it is asked and how many requests it has in
/// flight at once. One connection per request (<c>Connection: close</c>). A TLS client hello gets a
/// plain-text answer, so an https:// address to it fails the handshake.
/// </summary>
public sealed class LoopbackWebServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Route> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SeenRequest> _requests = new();
    private int _inFlight;
    private int _peak;

    public LoopbackWebServer()
    {
        _listener.Start();
        _ = Task.Run(AcceptAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The most requests it had in flight at one time.</summary>
    public int PeakConcurrentRequests => Volatile.Read(ref _peak);

    public IReadOnlyList<SeenRequest> Requests => [.. _requests];

    public IReadOnlyList<SeenRequest> RequestsFor(string path) => [.. _requests.Where(r => r.Path == path)];

    public string Url(string path, string? credentials = null) =>
        string.Create(CultureInfo.InvariantCulture, $"http://{(credentials is null ? "" : credentials + "@")}127.0.0.1:{Port}{path}");

    public string TlsUrl(string path) => string.Create(CultureInfo.InvariantCulture, $"https://127.0.0.1:{Port}{path}");

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/>.</summary>
    /// <param name="conditional">Answers If-None-Match and If-Modified-Since with 304; false: always the whole file.</param>
    /// <param name="ranges">Answers Range requests with 206; false: always the whole file.</param>
    /// <param name="hold">How long to wait before answering (to have requests overlap).</param>
    /// <param name="basic">The <c>user:password</c> it requires, answering 401 without them.</param>
    /// <param name="stallAfter">Sends the headers and this many bytes of the body, then nothing more.</param>
    /// <param name="chunked">Sends the body in chunks without a Content-Length, as dynamic servers do.</param>
    public void Serve(string path, byte[] body, string? etag = "\"v1\"", DateTime? lastModified = null, bool conditional = true, bool ranges = true,
        TimeSpan hold = default, string? basic = null, int? stallAfter = null, bool chunked = false) =>
        _routes[path] = new Route(body, etag, lastModified ?? new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc), conditional, ranges, hold, basic, stallAfter, null, false, chunked);

    public void Redirect(string path, string target) =>
        _routes[path] = new Route([], null, default, false, false, default, null, null, target, false, false);

    /// <summary>Reads the request and never answers.</summary>
    public void Stall(string path) =>
        _routes[path] = new Route([], null, default, false, false, default, null, null, null, true, false);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = Task.Run(() => ServeConnectionAsync(client));
        }
    }

    private async Task ServeConnectionAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            try
            {
                var head = await ReadHeadAsync(stream);
                if (head is null)
                    return;
                if (head[0] == 0x16)
                {
                    await stream.WriteAsync("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n"u8.ToArray(), _stop.Token);
                    return;
                }
                var request = Parse(Encoding.Latin1.GetString(head));
                _requests.Enqueue(request);
                var now = Interlocked.Increment(ref _inFlight);
                InterlockedMax(ref _peak, now);
                try
                {
                    await AnswerAsync(stream, request);
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away (a body it did not need), or the server is stopping.
            }
        }
    }

    private async Task AnswerAsync(NetworkStream stream, SeenRequest request)
    {
        if (!_routes.TryGetValue(request.Path, out var route))
        {
            await WriteAsync(stream, "404 Not Found", [], []);
            return;
        }
        if (route.Stall)
        {
            await Task.Delay(Timeout.Infinite, _stop.Token);
            return;
        }
        if (route.Target is not null)
        {
            await WriteAsync(stream, "302 Found", [("Location", route.Target)], []);
            return;
        }
        if (route.Hold > TimeSpan.Zero)
            await Task.Delay(route.Hold, _stop.Token);
        if (route.Basic is not null && request.Header("Authorization") != "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(route.Basic)))
        {
            await WriteAsync(stream, "401 Unauthorized", [("WWW-Authenticate", "Basic realm=\"photos\"")], []);
            return;
        }
        var validators = new List<(string, string)> { ("Last-Modified", route.LastModified.ToString("r", CultureInfo.InvariantCulture)) };
        if (route.ETag is not null)
            validators.Add(("ETag", route.ETag));
        if (route.Conditional && NotModified(route, request))
        {
            await WriteAsync(stream, "304 Not Modified", validators, []);
            return;
        }
        if (route.Ranges && request.Header("Range") is { } range && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-') &&
            (request.Header("If-Range") is not { } ifRange || ifRange == route.ETag || ifRange == validators[0].Item2))
        {
            var from = int.Parse(range[6..^1], CultureInfo.InvariantCulture);
            var part = route.Body[from..];
            await WriteAsync(stream, "206 Partial Content",
                [.. validators, ("Content-Range", string.Create(CultureInfo.InvariantCulture, $"bytes {from}-{route.Body.Length - 1}/{route.Body.Length}"))], part);
            return;
        }
        var headers = route.Ranges ? [.. validators, ("Accept-Ranges", "bytes")] : validators;
        if (route.StallAfter is { } stallAfter)
        {
            await WriteAsync(stream, "200 OK", headers, route.Body[..stallAfter], route.Body.Length);
            await Task.Delay(Timeout.Infinite, _stop.Token);
            return;
        }
        if (route.Chunked)
        {
            await WriteChunkedAsync(stream, headers, route.Body);
            return;
        }
        await WriteAsync(stream, "200 OK", headers, route.Body);
    }

    private async Task WriteChunkedAsync(NetworkStream stream, IEnumerable<(string Name, string Value)> headers, byte[] body)
    {
        var head = new StringBuilder("HTTP/1.1 200 OK\r\n");
        foreach (var (name, value) in headers)
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        head.Append("Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), _stop.Token);
        foreach (var chunk in body.Chunk(100_000))
        {
            await stream.WriteAsync(Encoding.Latin1.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{chunk.Length:x}\r\n")), _stop.Token);
            await stream.WriteAsync(chunk, _stop.Token);
            await stream.WriteAsync("\r\n"u8.ToArray(), _stop.Token);
        }
        await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), _stop.Token);
        await stream.FlushAsync(_stop.Token);
    }

    private static bool NotModified(Route route, SeenRequest request)
    {
        if (request.Header("If-None-Match") is { } tags)
            return route.ETag is not null && tags.Split(',').Any(t => t.Trim() == route.ETag);
        return request.Header("If-Modified-Since") is { } since &&
               DateTime.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date) &&
               route.LastModified <= date;
    }

    private async Task WriteAsync(NetworkStream stream, string status, IEnumerable<(string Name, string Value)> headers, byte[] body, long? contentLength = null)
    {
        var head = new StringBuilder().Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status}\r\n");
        foreach (var (name, value) in headers)
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {contentLength ?? body.Length}\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), _stop.Token);
        await stream.WriteAsync(body, _stop.Token);
        await stream.FlushAsync(_stop.Token);
    }

    private async Task<byte[]?> ReadHeadAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var buffer = new byte[1];
        while (await stream.ReadAsync(buffer, _stop.Token) == 1)
        {
            head.Add(buffer[0]);
            if (head.Count == 1 && buffer[0] == 0x16)
                return [.. head];
            if (head.Count >= 4 && head[^1] == '\n' && head[^2] == '\r' && head[^3] == '\n' && head[^4] == '\r')
                return [.. head];
        }
        return null;
    }

    private static SeenRequest Parse(string head)
    {
        var lines = head.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var parts = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return new SeenRequest(parts[0], parts[1], headers);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
                return;
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private sealed record Route(
        byte[] Body, string? ETag, DateTime LastModified, bool Conditional, bool Ranges, TimeSpan Hold, string? Basic, int? StallAfter, string? Target, bool Stall,
        bool Chunked);
}

/// <summary>A request as the server read it.</summary>
public sealed record SeenRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
