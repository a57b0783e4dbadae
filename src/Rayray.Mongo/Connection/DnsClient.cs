using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Rayray.Mongo.Connection;

/// <summary>
/// A minimal stub resolver for the SRV and TXT lookups of mongodb+srv:// (System.Net.Dns cannot
/// ask for those types). Each query goes over UDP, and again over TCP when the reply is truncated;
/// every server is tried in turn, twice, each exchange bounded by the timeout. NXDOMAIN and an empty
/// answer both mean "no records"; server failures, refusals, timeouts and malformed replies throw
/// <see cref="DnsException"/> once every server has been tried.
/// </summary>
public sealed class DnsClient
{
    private const int AttemptsPerServer = 2;
    private const int MaxUdpMessageLength = 65_535;
    private static readonly TimeSpan SystemTimeout = TimeSpan.FromSeconds(5);

    private readonly IReadOnlyList<IPEndPoint> _servers;
    private readonly TimeSpan _timeout;

    public DnsClient(IReadOnlyList<IPEndPoint> servers, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(servers);
        if (servers.Count == 0)
            throw new ArgumentException("At least one DNS server is needed.", nameof(servers));
        if (timeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be positive.");
        _servers = [.. servers];
        _timeout = timeout;
    }

    public IReadOnlyList<IPEndPoint> Servers => _servers;

    /// <summary>How long one exchange with one server may take before the next is tried.</summary>
    public TimeSpan Timeout => _timeout;

    /// <summary>
    /// The system's resolvers: on Unix the <c>nameserver</c> lines of /etc/resolv.conf (port 53), on
    /// Windows the DNS servers of the network interfaces that are up; 5 seconds per exchange.
    /// </summary>
    public static DnsClient FromSystem() => new(SystemDnsServers.Find(), SystemTimeout);

    public async Task<IReadOnlyList<SrvRecord>> QuerySrvAsync(string name, CancellationToken cancellationToken)
    {
        var answers = await QueryAsync(name, DnsRecordType.Service, cancellationToken).ConfigureAwait(false);
        return [.. answers.Select(a => a.Service!)];
    }

    /// <summary>One string per TXT record: its character-strings concatenated, in order.</summary>
    public async Task<IReadOnlyList<string>> QueryTxtAsync(string name, CancellationToken cancellationToken)
    {
        var answers = await QueryAsync(name, DnsRecordType.Text, cancellationToken).ConfigureAwait(false);
        return [.. answers.Select(a => a.Text!)];
    }

    private async Task<IReadOnlyList<DnsAnswer>> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var failures = new List<string>();
        Exception? lastFailure = null;
        for (var attempt = 0; attempt < AttemptsPerServer; attempt++)
        {
            foreach (var server in _servers)
            {
                try
                {
                    var response = await ExchangeAsync(server, name, type, cancellationToken).ConfigureAwait(false);
                    switch (response.ResponseCode)
                    {
                        case DnsResponseCode.NoError:
                            return SelectAnswers(response, name, type);
                        case DnsResponseCode.NameError:
                            return [];
                        default:
                            failures.Add($"{server} answered {response.ResponseCode}");
                            break;
                    }
                }
                catch (Exception e) when (e is TimeoutException or SocketException or DnsException or IOException)
                {
                    failures.Add($"{server}: {e.Message}");
                    lastFailure = e;
                }
            }
        }
        var message = $"The DNS query for {type switch { DnsRecordType.Service => "SRV", DnsRecordType.Text => "TXT", _ => type.ToString() }} records of '{name}' failed: {string.Join("; ", failures.Distinct())}.";
        throw lastFailure is null ? new DnsException(message) : new DnsException(message, lastFailure);
    }

    /// <summary>The records of the asked type owned by the name, or by the names it is an alias of in the answer.</summary>
    private static List<DnsAnswer> SelectAnswers(DnsResponse response, string name, DnsRecordType type)
    {
        var owners = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { DnsName.Normalize(name) };
        bool added;
        do
        {
            added = false;
            foreach (var answer in response.Answers)
            {
                if (answer.Type == DnsRecordType.CanonicalName && owners.Contains(DnsName.Normalize(answer.Name)))
                    added |= owners.Add(DnsName.Normalize(answer.CanonicalName!));
            }
        }
        while (added);
        return [.. response.Answers.Where(a => a.Type == type && owners.Contains(DnsName.Normalize(a.Name)))];
    }

    private async Task<DnsResponse> ExchangeAsync(IPEndPoint server, string name, DnsRecordType type, CancellationToken cancellationToken)
    {
        var id = (ushort)RandomNumberGenerator.GetInt32(0, 0x10000);
        var query = DnsQuery.Build(id, name, type);
        var response = await ExchangeUdpAsync(server, query, id, name, type, cancellationToken).ConfigureAwait(false);
        if (response.IsTruncated)
            response = await ExchangeTcpAsync(server, query, id, name, type, cancellationToken).ConfigureAwait(false);
        return response;
    }

    private async Task<DnsResponse> ExchangeUdpAsync(IPEndPoint server, byte[] query, ushort id, string name, DnsRecordType type, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        // A connected socket only receives datagrams from the server it asked.
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            await socket.ConnectAsync(server, timeout.Token).ConfigureAwait(false);
            await socket.SendAsync(query, SocketFlags.None, timeout.Token).ConfigureAwait(false);
            var buffer = new byte[MaxUdpMessageLength];
            while (true)
            {
                var received = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token).ConfigureAwait(false);
                DnsResponse response;
                try
                {
                    response = DnsResponse.Parse(buffer.AsSpan(0, received));
                }
                catch (DnsException) when (!LooksLikeReplyTo(buffer.AsSpan(0, received), id))
                {
                    continue;
                }
                // A late reply to an earlier query, or a forged one: keep waiting for ours.
                if (response.IsReplyTo(id, name, type))
                    return response;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no reply over UDP within {_timeout.TotalSeconds:0.###} s");
        }
    }

    private async Task<DnsResponse> ExchangeTcpAsync(IPEndPoint server, byte[] query, ushort id, string name, DnsRecordType type, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        using var socket = new Socket(server.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(server, timeout.Token).ConfigureAwait(false);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            // Over TCP every message is preceded by its length (RFC 1035 section 4.2.2).
            var framed = new byte[query.Length + 2];
            framed[0] = (byte)(query.Length >> 8);
            framed[1] = (byte)query.Length;
            query.CopyTo(framed, 2);
            await stream.WriteAsync(framed, timeout.Token).ConfigureAwait(false);

            var lengthPrefix = new byte[2];
            await stream.ReadExactlyAsync(lengthPrefix, timeout.Token).ConfigureAwait(false);
            var message = new byte[(lengthPrefix[0] << 8) | lengthPrefix[1]];
            await stream.ReadExactlyAsync(message, timeout.Token).ConfigureAwait(false);
            var response = DnsResponse.Parse(message);
            if (!response.IsReplyTo(id, name, type))
                throw new DnsException("The reply over TCP does not answer the query.");
            return response;
        }
        catch (EndOfStreamException e)
        {
            throw new DnsException("The server closed the TCP connection before the whole reply arrived.", e);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no reply over TCP within {_timeout.TotalSeconds:0.###} s");
        }
    }

    /// <summary>Whether a datagram that failed to parse at least carries our query's id in a response header.</summary>
    private static bool LooksLikeReplyTo(ReadOnlySpan<byte> datagram, ushort id) =>
        datagram.Length >= 4 && ((datagram[0] << 8) | datagram[1]) == id && (datagram[2] & 0x80) != 0;
}
