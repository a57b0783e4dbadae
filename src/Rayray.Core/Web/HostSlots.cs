using System.Collections.Concurrent;

namespace Rayray.Core.Web;

/// <summary>
/// At most <c>perHost</c> requests in flight to one server (scheme, host and port) across every
/// worker of the scan; a slot is held from the request until its body has been read.
/// </summary>
internal sealed class HostSlots(int perHost) : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _servers = new(StringComparer.OrdinalIgnoreCase);

    public Slot Enter(Uri uri, CancellationToken cancellationToken)
    {
        var server = _servers.GetOrAdd(uri.GetLeftPart(UriPartial.Authority), _ => new SemaphoreSlim(perHost, perHost));
        server.Wait(cancellationToken);
        return new Slot(server);
    }

    public void Dispose()
    {
        foreach (var server in _servers.Values)
            server.Dispose();
    }

    /// <summary>A request's place; released once, on dispose.</summary>
    public sealed class Slot(SemaphoreSlim server) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                server.Release();
        }
    }
}
