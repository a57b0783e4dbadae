namespace Rayray.Mongo.Connection;

/// <summary>
/// One server address. <see cref="Host"/> is a host name (lowercased by the parser), an IPv6
/// literal without its brackets, or the path of a UNIX domain socket, whose <see cref="Port"/> is 0.
/// </summary>
public sealed record MongoHost(string Host, int Port)
{
    public bool IsUnixSocket => Port == 0;

    /// <summary>"host:port", "[ipv6]:port", or the socket path.</summary>
    public override string ToString() =>
        IsUnixSocket ? Host
        : Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}"
        : $"{Host}:{Port}";
}
