using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using Rayray.Core.Storage;

namespace Rayray.Core.Web;

/// <summary>
/// Asks servers for files, for every worker of a scan: one connection pool, at most
/// <see cref="WebOptions.PerHost"/> requests in flight per server, a timeout on connecting, on the
/// answer and on every read, and redirects followed here (counted, and never taking the credentials
/// to another server). A rescan asks with the recorded ETag and Last-Modified.
/// </summary>
public sealed class WebFetcher : IDisposable
{
    private static readonly string UserAgent =
        $"rayray/{typeof(WebFetcher).Assembly.GetName().Version?.ToString(3) ?? "0"}";

    private readonly HttpClient _client;
    private readonly HostSlots _slots;

    public WebFetcher(WebOptions options)
    {
        Options = options;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.Timeout,
            UseCookies = false,
            MaxConnectionsPerServer = options.PerHost,
        };
        _client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        _slots = new HostSlots(options.PerHost);
    }

    public WebOptions Options { get; }

    /// <summary>
    /// Asks for the file: conditionally when <paramref name="previous"/> (what the store recorded) is
    /// given. A body to read holds its server's slot until its source is disposed.
    /// </summary>
    internal WebFetch Fetch(WebAddress address, KnownLocation? previous, CancellationToken stop)
    {
        var uri = address.Uri;
        for (var redirects = 0; ; redirects++)
        {
            var slot = _slots.Enter(uri, stop);
            HttpResponseMessage response;
            try
            {
                response = Send(Request(address, uri, previous), stop);
            }
            catch (WebFailureException e)
            {
                slot.Dispose();
                return WebFetch.Failed(e.Message);
            }
            catch
            {
                slot.Dispose();
                throw;
            }

            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308)
            {
                var location = response.Headers.Location;
                response.Dispose();
                slot.Dispose();
                if (Redirect(uri, location, redirects, out var failure) is not { } next)
                    return WebFetch.Failed(failure!);
                uri = next;
                continue;
            }
            try
            {
                return Answer(address, uri, previous, response, slot, stop);
            }
            catch
            {
                response.Dispose();
                slot.Dispose();
                throw;
            }
        }
    }

    private Uri? Redirect(Uri from, Uri? location, int redirects, out string? failure)
    {
        failure = null;
        if (location is null)
            failure = "a redirect without a Location to follow";
        else if (redirects == Options.MaxRedirects)
            failure = string.Create(CultureInfo.InvariantCulture, $"too many redirects (more than {Options.MaxRedirects})");
        if (failure is not null)
            return null;
        var next = location!.IsAbsoluteUri ? location : new Uri(from, location);
        if (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps)
            failure = "redirected to an address that is neither http nor https";
        else if (from.Scheme == Uri.UriSchemeHttps && next.Scheme == Uri.UriSchemeHttp)
            failure = "redirected from https to plain http, which is not followed";
        return failure is null ? new Uri(next.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped)) : null;
    }

    private WebFetch Answer(WebAddress address, Uri uri, KnownLocation? previous, HttpResponseMessage response, HostSlots.Slot slot, CancellationToken stop)
    {
        var status = (int)response.StatusCode;
        string? failure = null, unchanged = null;
        var validators = WebValidators.Of(response);
        if (status == 304)
            unchanged = "the server says it has not changed (304)";
        else if (status != 200)
            failure = string.Create(CultureInfo.InvariantCulture, $"HTTP {status} {response.ReasonPhrase}").TrimEnd();
        else if (response.Content.Headers.ContentEncoding.Any(e => !e.Equals("identity", StringComparison.OrdinalIgnoreCase)))
            failure = $"the server sent the file encoded ({string.Join(", ", response.Content.Headers.ContentEncoding)}) though rayray asked for it as it is";
        else if (previous is not null && SameAsRecorded(previous, response.Content.Headers.ContentLength, validators))
            unchanged = "the same length and Last-Modified as recorded";

        if (failure is null && unchanged is null)
            return new WebFetch(WebFetchKind.Body, Source: new WebContentSource(this, address, uri, response, slot, validators, stop));
        response.Dispose();
        slot.Dispose();
        return failure is not null ? WebFetch.Failed(failure) : WebFetch.Unchanged(unchanged!);
    }

    /// <summary>A server that ignores the conditions: its answer is the recorded file when length and Last-Modified are, and the ETag does not say otherwise.</summary>
    private static bool SameAsRecorded(KnownLocation previous, long? length, WebValidators now) =>
        length == previous.Size &&
        now.LastModified is { } modified && previous.LastModified == modified &&
        (now.ETag is null || previous.ETag is null || now.ETag == previous.ETag);

    private static HttpRequestMessage Request(WebAddress address, Uri uri, KnownLocation? previous)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.AcceptEncoding.ParseAdd("identity");
        if (address.BasicCredentials is { } basic && SameServer(uri, address.Uri))
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
        if (previous?.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag))
            request.Headers.IfNoneMatch.Add(tag);
        if (previous?.LastModified is { } modified)
            request.Headers.IfModifiedSince = new DateTimeOffset(DateTime.SpecifyKind(modified, DateTimeKind.Utc));
        return request;
    }

    /// <summary>The credentials go only to the server the address names, never to one it redirects to.</summary>
    private static bool SameServer(Uri a, Uri b) =>
        string.Equals(a.GetLeftPart(UriPartial.Authority), b.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);

    /// <summary>Asks for the file's bytes from <paramref name="from"/> on, of the version <paramref name="condition"/> names; no slot is taken (the file's read holds one).</summary>
    internal HttpResponseMessage SendRange(WebAddress address, Uri uri, long from, RangeConditionHeaderValue condition, CancellationToken stop)
    {
        var request = Request(address, uri, null);
        request.Headers.Range = new RangeHeaderValue(from, null);
        request.Headers.IfRange = condition;
        return Send(request, stop);
    }

    private HttpResponseMessage Send(HttpRequestMessage request, CancellationToken stop)
    {
        using (request)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            timeout.CancelAfter(Options.Timeout);
            var server = request.RequestUri!.Authority;
            try
            {
                return _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException e) when (!stop.IsCancellationRequested)
            {
                throw new WebFailureException($"timed out: no answer from {server} within {Seconds(Options.Timeout)}", e);
            }
            catch (HttpRequestException e)
            {
                throw new WebFailureException(Describe(e, server), e);
            }
        }
    }

    private string Describe(HttpRequestException e, string server)
    {
        if (e.HttpRequestError == HttpRequestError.SecureConnectionError || e.InnerException is AuthenticationException)
            return $"TLS error with {server}: {(e.InnerException ?? e).Message}";
        if (e.InnerException is TimeoutException)
            return $"timed out: could not connect to {server} within {Seconds(Options.Timeout)}";
        return $"could not read from {server}: {e.Message}";
    }

    internal static string Seconds(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.###} s");

    public void Dispose()
    {
        _client.Dispose();
        _slots.Dispose();
    }
}
