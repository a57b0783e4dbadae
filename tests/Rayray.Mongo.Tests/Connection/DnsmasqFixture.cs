using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Rayray.Mongo.Connection;
using Rayray.Testing;

namespace Rayray.Mongo.Tests.Connection;

/// <summary>
/// A dnsmasq serving <see cref="TestZone"/> on a free loopback port (UDP and TCP), started once for
/// a test class and killed after it. When dnsmasq is not installed nothing starts (the tests that
/// need it are skipped by their attribute).
/// </summary>
public sealed class DnsmasqFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"rayray-dnsmasq-{Guid.NewGuid():N}");
    private readonly StringBuilder _stderr = new();
    private Process? _process;
    private IPEndPoint? _endpoint;

    public IPEndPoint Endpoint => _endpoint ?? throw new InvalidOperationException("dnsmasq is not running: it is not installed.");

    public DnsClient Client() => new([Endpoint], TimeSpan.FromSeconds(2));

    public async Task InitializeAsync()
    {
        if (ExternalTool.Find("dnsmasq") is not { } dnsmasq)
        {
            if (ExternalTool.IsCi)
                throw new InvalidOperationException("dnsmasq is not installed (CI installs dnsmasq-base; see .ci/run)");
            return;
        }
        Directory.CreateDirectory(_directory);
        var failures = new List<string>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var port = FreePort();
            var process = Start(dnsmasq, port);
            if (await WaitUntilServingAsync(process, port))
            {
                _process = process;
                _endpoint = new IPEndPoint(IPAddress.Loopback, port);
                return;
            }
            failures.Add($"port {port}: {await StopAsync(process)}");
        }
        throw new InvalidOperationException($"dnsmasq did not start: {string.Join(" | ", failures)}");
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
            await StopAsync(_process);
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    private Process Start(string dnsmasq, int port)
    {
        var start = new ProcessStartInfo(dnsmasq)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--keep-in-foreground",
            "--no-hosts",
            "--no-resolv",
            "--conf-file=/dev/null",
            "--log-facility=-",
            $"--port={port}",
            "--listen-address=127.0.0.1",
            "--bind-interfaces",
            $"--pid-file={Path.Combine(_directory, "dnsmasq.pid")}",
        }.Concat(TestZone.DnsmasqArguments()))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        // Drained as it comes, so that dnsmasq never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (_stderr)
                    _stderr.AppendLine(line.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Asks for a record of the zone until dnsmasq answers, or it exits, or the time is up.</summary>
    private static async Task<bool> WaitUntilServingAsync(Process process, int port)
    {
        var client = new DnsClient([new IPEndPoint(IPAddress.Loopback, port)], TimeSpan.FromMilliseconds(200));
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await client.QueryTxtAsync($"test5.{TestZone.Domain}", CancellationToken.None)).Count == 1)
                    return true;
            }
            catch (DnsException)
            {
                await Task.Delay(50);
            }
        }
        return false;
    }

    /// <summary>Kills dnsmasq and returns what it wrote on stderr.</summary>
    private async Task<string> StopAsync(Process process)
    {
        if (!process.HasExited)
            process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
        lock (_stderr)
        {
            var text = _stderr.ToString().Trim();
            _stderr.Clear();
            return text;
        }
    }

    /// <summary>A port free for both UDP and TCP on loopback at the moment of asking.</summary>
    private static int FreePort()
    {
        while (true)
        {
            using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            udp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)udp.LocalEndPoint!).Port;
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
            }
        }
    }
}
