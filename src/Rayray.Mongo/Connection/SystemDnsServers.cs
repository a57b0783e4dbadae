using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Rayray.Mongo.Connection;

/// <summary>The DNS servers the operating system is configured to use.</summary>
internal static class SystemDnsServers
{
    private const int DnsPort = 53;
    private const string ResolvConfPath = "/etc/resolv.conf";

    public static IReadOnlyList<IPEndPoint> Find()
    {
        if (OperatingSystem.IsWindows())
            return FromNetworkInterfaces();
        var text = File.Exists(ResolvConfPath) ? File.ReadAllText(ResolvConfPath) : "";
        return FromResolvConf(text);
    }

    /// <summary>
    /// The <c>nameserver</c> lines of a resolv.conf(5); like the C library, a file without any
    /// means the resolver on this machine.
    /// </summary>
    public static IReadOnlyList<IPEndPoint> FromResolvConf(string text)
    {
        var servers = new List<IPEndPoint>();
        foreach (var line in text.Split('\n'))
        {
            var fields = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2
                && fields[0] == "nameserver"
                && IPAddress.TryParse(fields[1], out var address))
            {
                var endpoint = new IPEndPoint(address, DnsPort);
                if (!servers.Contains(endpoint))
                    servers.Add(endpoint);
            }
        }
        if (servers.Count == 0)
            servers.Add(new IPEndPoint(IPAddress.Loopback, DnsPort));
        return servers;
    }

    private static List<IPEndPoint> FromNetworkInterfaces()
    {
        var servers = new List<IPEndPoint>();
        foreach (var networkInterface in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (networkInterface.OperationalStatus != OperationalStatus.Up
                || networkInterface.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }
            foreach (var address in networkInterface.GetIPProperties().DnsAddresses)
            {
                // fec0::/10 are the deprecated site-local placeholders Windows lists when no IPv6 DNS is configured.
                if (address.AddressFamily == AddressFamily.InterNetworkV6 && address.IsIPv6SiteLocal)
                    continue;
                var endpoint = new IPEndPoint(address, DnsPort);
                if (!servers.Contains(endpoint))
                    servers.Add(endpoint);
            }
        }
        if (servers.Count == 0)
            throw new DnsException("No DNS server is configured on any network interface that is up.");
        return servers;
    }
}
