using Rayray.Core.Storage;
using Rayray.Mongo.Client;
using Rayray.Mongo.Connection;

namespace Rayray.Storage.Mongo;

/// <summary>
/// Where a MongoDB store lives, from its connection string: the client settings (after the DNS
/// look-up of a mongodb+srv address), the database (the URI's, else "rayray"), and the address to
/// print, with the password replaced by <c>***</c>.
/// </summary>
public sealed class MongoStoreTarget
{
    private readonly MongoUrl _url;
    private readonly Func<DnsClient> _dns;

    private MongoStoreTarget(MongoUrl url, Func<DnsClient> dns)
    {
        _url = url;
        _dns = dns;
    }

    public string DisplayAddress => _url.Redacted;
    public string Database => string.IsNullOrEmpty(_url.Database) ? MongoNames.DefaultDatabase : _url.Database;

    public static MongoStoreTarget Parse(string uri, Func<DnsClient>? dns = null)
    {
        MongoUrl url;
        try
        {
            url = MongoUrl.Parse(uri);
        }
        catch (MongoUrlException ex)
        {
            throw new StoreException($"the MongoDB connection string is not valid: {ex.Message}", ex);
        }
        if (url.Credential is { Mechanism: { } mechanism } && !mechanism.StartsWith("SCRAM-", StringComparison.OrdinalIgnoreCase))
            throw new StoreException($"authMechanism={mechanism} is not supported by rayray; use SCRAM-SHA-256 or SCRAM-SHA-1 (see docs/mongodb.md)");
        if (url.LoadBalanced)
            throw new StoreException("loadBalanced=true is not supported by rayray; connect to the replica set or mongos directly");
        return new MongoStoreTarget(url, dns ?? DnsClient.FromSystem);
    }

    /// <summary>The client settings, resolving a mongodb+srv address through DNS first.</summary>
    public async Task<MongoClientSettings> ResolveAsync(CancellationToken cancellationToken)
    {
        var url = _url;
        if (url.NeedsSeedlistDiscovery)
        {
            try
            {
                url = await SeedlistDiscovery.ResolveAsync(url, _dns(), cancellationToken);
            }
            catch (Exception ex) when (ex is MongoUrlException or DnsException)
            {
                throw new StoreException($"cannot find the MongoDB servers of {DisplayAddress}: {ex.Message}", isTransient: false, ex);
            }
        }
        var defaults = new MongoClientSettings { Seeds = url.Hosts };
        return defaults with
        {
            Seeds = url.Hosts,
            Credential = url.Credential is { Username: { } user } credential
                ? new MongoCredential(user, credential.Password ?? "", credential.Source, credential.Mechanism)
                : null,
            Tls = new MongoTlsOptions(url.Tls, url.TlsCaFile, url.TlsAllowInvalidCertificates, url.TlsAllowInvalidHostnames),
            ReplicaSet = url.ReplicaSet,
            DirectConnection = url.DirectConnection ?? false,
            ConnectTimeout = url.ConnectTimeout > TimeSpan.Zero && url.ConnectTimeout != Timeout.InfiniteTimeSpan ? url.ConnectTimeout : Timeout.InfiniteTimeSpan,
            SocketTimeout = url.SocketTimeout is { } socket && socket > TimeSpan.Zero ? socket : defaults.SocketTimeout,
            ServerSelectionTimeout = url.ServerSelectionTimeout > TimeSpan.Zero ? url.ServerSelectionTimeout : defaults.ServerSelectionTimeout,
            MaxPoolSize = Math.Clamp(url.MaxPoolSize, 1, 1000),
            ApplicationName = url.AppName ?? "rayray",
        };
    }
}
