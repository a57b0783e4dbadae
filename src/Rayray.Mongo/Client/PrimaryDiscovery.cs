using Rayray.Mongo.Connection;

namespace Rayray.Mongo.Client;

/// <summary>
/// Finds the server that takes writes: asks the seeds, follows a replica set's <c>primary</c> and
/// <c>hosts</c>, and keeps trying (an election takes seconds) until the server selection timeout.
/// A standalone server or a mongos is used as it is; with directConnection the one seed is used
/// whatever its role. The error names every address tried and why each was not used.
/// </summary>
internal static class PrimaryDiscovery
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(500);

    public static async Task<MongoConnection> FindAsync(MongoClientSettings settings, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var failures = new Dictionary<MongoHost, string>();
        while (true)
        {
            var pending = new Queue<MongoHost>(settings.Seeds);
            var asked = new HashSet<MongoHost>();
            while (pending.TryDequeue(out var address))
            {
                if (!asked.Add(address))
                    continue;
                MongoConnection connection;
                try
                {
                    connection = await MongoConnection.OpenAsync(address, settings, 0, cancellationToken);
                }
                catch (MongoConnectionException ex)
                {
                    failures[address] = ex.Message;
                    continue;
                }

                var verdict = Judge(settings, connection.Hello);
                if (verdict is null)
                    return connection;
                failures[address] = $"{address} {verdict}";
                await connection.DisposeAsync();
                if (settings.DirectConnection)
                    continue;
                foreach (var next in Followers(connection.Hello))
                    pending.Enqueue(next);
            }

            if (DateTime.UtcNow - started + RetryPause >= settings.ServerSelectionTimeout)
                throw new MongoConnectionException(Describe(settings, failures));
            await Task.Delay(RetryPause, cancellationToken);
        }
    }

    /// <summary>Null when writes can go to this server, else why not.</summary>
    private static string? Judge(MongoClientSettings settings, HelloResult hello)
    {
        if (settings.ReplicaSet is { } wanted && hello.SetName != wanted)
            return hello.SetName is null ? $"is not a member of replica set '{wanted}'" : $"belongs to replica set '{hello.SetName}', not '{wanted}'";
        if (settings.DirectConnection || hello.IsWritablePrimary || hello.IsMongos)
            return null;
        return hello.IsArbiter ? "is an arbiter" : hello.IsSecondary ? "is a secondary" : "is not writable (it may be starting up or in an election)";
    }

    private static IEnumerable<MongoHost> Followers(HelloResult hello)
    {
        if (hello.Primary is { } primary && TryParse(primary) is { } primaryAddress)
            yield return primaryAddress;
        foreach (var host in hello.Hosts)
        {
            if (TryParse(host) is { } address)
                yield return address;
        }
    }

    private static MongoHost? TryParse(string hostAndPort)
    {
        var colon = hostAndPort.LastIndexOf(':');
        if (colon > 0 && !hostAndPort.EndsWith(']') && int.TryParse(hostAndPort.AsSpan(colon + 1), out var port))
            return new MongoHost(hostAndPort[..colon].Trim('[', ']').ToLowerInvariant(), port);
        return new MongoHost(hostAndPort.Trim('[', ']').ToLowerInvariant(), 27017);
    }

    private static string Describe(MongoClientSettings settings, Dictionary<MongoHost, string> failures)
    {
        var seconds = settings.ServerSelectionTimeout.TotalSeconds;
        var reasons = failures.Count == 0 ? "no address to try" : string.Join("; ", failures.Values);
        return $"no writable MongoDB server at {settings.DisplayName} within {seconds:0.#} s (serverSelectionTimeoutMS): {reasons}";
    }
}
