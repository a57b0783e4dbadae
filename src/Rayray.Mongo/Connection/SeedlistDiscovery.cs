using System.Security.Cryptography;

namespace Rayray.Mongo.Connection;

/// <summary>
/// Initial DNS seedlist discovery: turns a mongodb+srv:// URL into its hosts and default options.
/// </summary>
public static class SeedlistDiscovery
{
    /// <summary>
    /// Resolves a mongodb+srv:// URL: the SRV records of "_{srvServiceName}._tcp.{host}" give the
    /// hosts (priority and weight ignored), each of which must lie in the host's domain; at most one
    /// TXT record on the host gives default options, only authSource, replicaSet and loadBalanced,
    /// which the connection string's own options override; srvMaxHosts keeps a random subset; TLS
    /// stays on unless the connection string turns it off. Any failure, DNS errors included, is a
    /// <see cref="MongoUrlException"/>. Other URLs, and URLs already resolved, are returned as they are.
    /// </summary>
    public static async Task<MongoUrl> ResolveAsync(MongoUrl url, DnsClient dns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(dns);
        if (!url.NeedsSeedlistDiscovery)
            return url;

        string srvHost;
        try
        {
            // SRV targets come back in ASCII, so an internationalized name is compared in that form too.
            srvHost = DnsName.Normalize(DnsName.ToAscii(url.SrvHost!));
        }
        catch (ArgumentException e)
        {
            throw new MongoUrlException($"{url.SrvHost} is not a valid DNS name.", e);
        }
        var srvName = $"_{url.SrvServiceName}._tcp.{srvHost}";
        // Both lookups run at once; both must have answered before any host is contacted.
        var srvLookup = dns.QuerySrvAsync(srvName, cancellationToken);
        var txtLookup = dns.QueryTxtAsync(srvHost, cancellationToken);
        try
        {
            await Task.WhenAll(srvLookup, txtLookup).ConfigureAwait(false);
        }
        catch (Exception e) when (e is DnsException or ArgumentException)
        {
            var (failure, what) = srvLookup.IsFaulted
                ? (srvLookup.Exception!.InnerException!, "hosts")
                : (e, "default options");
            throw new MongoUrlException($"The {what} of {url.Redacted} could not be looked up: {failure.Message}", failure);
        }

        var records = await srvLookup.ConfigureAwait(false);
        if (records.Count == 0)
            throw new MongoUrlException($"The hosts of {url.Redacted} could not be found: DNS has no SRV records for {srvName}.");
        var hosts = new List<MongoHost>(records.Count);
        foreach (var record in records)
        {
            if (!SrvTargetDomain.IsAllowed(srvHost, record.Target))
                throw new MongoUrlException($"The SRV record {srvName} names the host {record.Target}, which is not in the domain of {srvHost}, so it cannot be used.");
            if (record.Port == 0)
                throw new MongoUrlException($"The SRV record {srvName} names port 0 for {record.Target}.");
            var host = new MongoHost(record.Target, record.Port);
            if (!hosts.Contains(host))
                hosts.Add(host);
        }

        var texts = await txtLookup.ConfigureAwait(false);
        if (texts.Count > 1)
            throw new MongoUrlException($"{srvHost} has {texts.Count} TXT records; a mongodb+srv name may have at most one.");
        var txtOptions = texts.Count == 1 ? TxtRecordOptions.Parse(texts[0], srvHost) : [];

        if (url.SrvMaxHosts is > 0 and var maxHosts && maxHosts < hosts.Count)
            hosts = ChooseRandomly(hosts, maxHosts);
        return url.WithSeedlist(hosts, txtOptions);
    }

    /// <summary>A Fisher-Yates shuffle cut short after <paramref name="count"/> picks.</summary>
    private static List<MongoHost> ChooseRandomly(List<MongoHost> hosts, int count)
    {
        var pool = hosts.ToArray();
        for (var i = 0; i < count; i++)
        {
            var j = RandomNumberGenerator.GetInt32(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return [.. pool[..count]];
    }
}
