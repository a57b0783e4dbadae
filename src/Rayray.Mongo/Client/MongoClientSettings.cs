using Rayray.Mongo.Connection;

namespace Rayray.Mongo.Client;

/// <summary>Everything a <see cref="MongoClient"/> needs, immutable; derive variations with <c>with</c>.</summary>
public sealed record MongoClientSettings
{
    public required IReadOnlyList<MongoHost> Seeds { get; init; }
    public MongoCredential? Credential { get; init; }
    public MongoTlsOptions Tls { get; init; } = MongoTlsOptions.Disabled;
    public string? ReplicaSet { get; init; }

    /// <summary>Talk to the one seed as it is, without following the replica set to its primary.</summary>
    public bool DirectConnection { get; init; }

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to look for a writable primary before giving up (serverSelectionTimeoutMS).</summary>
    public TimeSpan ServerSelectionTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest wait for one reply (socketTimeoutMS). The specification's default is forever; a
    /// command-line tool that a cron job runs must not hang on a server that stopped answering.
    /// </summary>
    public TimeSpan SocketTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public int MaxPoolSize { get; init; } = 100;
    public string? ApplicationName { get; init; }

    /// <summary>The name the client gives itself in the handshake (and in the server's logs).</summary>
    public string DriverName { get; init; } = "rayray";

    public string DriverVersion { get; init; } = typeof(MongoClientSettings).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>What error messages call the deployment: the seeds, never the credentials.</summary>
    public string DisplayName => string.Join(",", Seeds);
}
