namespace Rayray.Mongo.Connection;

/// <summary>
/// The errors the specifications define for options that contradict each other or the hosts:
/// URI options (insecure TLS combinations, directConnection), load balancers and mongodb+srv
/// (srvMaxHosts, srvServiceName). For a mongodb+srv URL the rules run again once the SRV and TXT
/// records are known.
/// </summary>
internal static class OptionCombinationRules
{
    private static readonly (string, string)[] ExclusiveTlsOptions =
    [
        ("tlsinsecure", "tlsallowinvalidcertificates"),
        ("tlsinsecure", "tlsallowinvalidhostnames"),
        ("tlsinsecure", "tlsdisableocspendpointcheck"),
        ("tlsinsecure", "tlsdisablecertificaterevocationcheck"),
        ("tlsallowinvalidcertificates", "tlsdisableocspendpointcheck"),
        ("tlsallowinvalidcertificates", "tlsdisablecertificaterevocationcheck"),
        ("tlsdisableocspendpointcheck", "tlsdisablecertificaterevocationcheck"),
    ];

    public static void Validate(bool isSrv, int hostCount, IReadOnlyDictionary<string, string> options)
    {
        foreach (var (first, second) in ExclusiveTlsOptions)
        {
            if (options.ContainsKey(first) && options.ContainsKey(second))
                throw new MongoUrlException($"The options {Name(first)} and {Name(second)} cannot be used together.");
        }
        if (options.TryGetValue("tls", out var tls) && options.TryGetValue("ssl", out var ssl)
            && UriOptionValues.ParseBoolean(tls) != UriOptionValues.ParseBoolean(ssl))
        {
            throw new MongoUrlException("The options tls and ssl are given with different values; they are the same option.");
        }

        var directConnection = Flag(options, "directconnection");
        if (directConnection && isSrv)
            throw new MongoUrlException("directConnection=true cannot be used with mongodb+srv://: the SRV record may name several hosts.");
        if (directConnection && hostCount > 1)
            throw new MongoUrlException($"directConnection=true needs exactly one host; the connection string names {hostCount}.");

        if (Flag(options, "loadbalanced"))
        {
            if (hostCount > 1)
                throw new MongoUrlException($"loadBalanced=true needs exactly one host, the load balancer; there are {hostCount}.");
            if (options.ContainsKey("replicaset"))
                throw new MongoUrlException("loadBalanced=true cannot be used with replicaSet.");
            if (directConnection)
                throw new MongoUrlException("loadBalanced=true cannot be used with directConnection=true.");
        }

        if (!isSrv)
        {
            foreach (var srvOption in new[] { "srvmaxhosts", "srvservicename" })
            {
                if (options.ContainsKey(srvOption))
                    throw new MongoUrlException($"The option {Name(srvOption)} applies only to mongodb+srv:// connection strings.");
            }
        }
        if (options.TryGetValue("srvmaxhosts", out var srvMaxHosts) && UriOptionValues.ParseInteger(srvMaxHosts) > 0)
        {
            if (options.ContainsKey("replicaset"))
                throw new MongoUrlException("A positive srvMaxHosts cannot be used with replicaSet.");
            if (Flag(options, "loadbalanced"))
                throw new MongoUrlException("A positive srvMaxHosts cannot be used with loadBalanced=true.");
        }
    }

    private static bool Flag(IReadOnlyDictionary<string, string> options, string key) =>
        options.TryGetValue(key, out var value) && UriOptionValues.ParseBoolean(value);

    private static string Name(string key) => UriOptionDefinition.All[key].Name;
}
