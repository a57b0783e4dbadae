using System.Net;
using System.Net.Sockets;

namespace Rayray.Mongo.Tests.Connection;

/// <summary>
/// A DNS server on a loopback port (UDP and TCP on the same port number) whose replies the test
/// writes: <c>reply(query, overTcp)</c> returns the datagrams to send back, in order (none: stay
/// silent). It records how many queries came over each transport.
/// </summary>
internal sealed class FakeDnsServer : IAsyncDisposable
{
    private readonly UdpClient _udp;
    private readonly TcpListener _tcp;
    private readonly Func<byte[], bool, IReadOnlyList<byte[]>> _reply;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _udpLoop;
    private readonly Task _tcpLoop;
    private int _udpQueries;
    private int _tcpQueries;

    public FakeDnsServer(Func<byte[], bool, IReadOnlyList<byte[]>> reply)
    {
        _reply = reply;
        (_udp, _tcp) = BindSamePort();
        Endpoint = (IPEndPoint)_udp.Client.LocalEndPoint!;
        _udpLoop = ServeUdpAsync();
        _tcpLoop = ServeTcpAsync();
    }

    public IPEndPoint Endpoint { get; }
    public int UdpQueries => Volatile.Read(ref _udpQueries);
    public int TcpQueries => Volatile.Read(ref _tcpQueries);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _udp.Dispose();
        _tcp.Stop();
        await Task.WhenAll(_udpLoop, _tcpLoop).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private static (UdpClient, TcpListener) BindSamePort()
    {
        for (var attempt = 0; ; attempt++)
        {
            var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
            var tcp = new TcpListener(IPAddress.Loopback, port);
            try
            {
                tcp.Start();
                return (udp, tcp);
            }
            catch (SocketException) when (attempt < 20)
            {
                udp.Dispose();
            }
        }
    }

    private async Task ServeUdpAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await _udp.ReceiveAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            Interlocked.Increment(ref _udpQueries);
            foreach (var datagram in _reply(received.Buffer, false))
                await _udp.SendAsync(datagram, received.RemoteEndPoint, _stop.Token);
        }
    }

    private async Task ServeTcpAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _tcp.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            using (client)
            {
                var stream = client.GetStream();
                var prefix = new byte[2];
                await stream.ReadExactlyAsync(prefix, _stop.Token);
                var query = new byte[(prefix[0] << 8) | prefix[1]];
                await stream.ReadExactlyAsync(query, _stop.Token);
                Interlocked.Increment(ref _tcpQueries);
                foreach (var message in _reply(query, true))
                {
                    await stream.WriteAsync(new[] { (byte)(message.Length >> 8), (byte)message.Length }, _stop.Token);
                    await stream.WriteAsync(message, _stop.Token);
                }
            }
        }
    }
}
