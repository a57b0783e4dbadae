using Rayray.Mongo.Bson;

namespace Rayray.Mongo.Client;

/// <summary>
/// What a server said about itself in the handshake: its role, its replica set and the size limits
/// of this connection. Servers that omit a limit (old ones, and test peers) get the documented defaults.
/// </summary>
public sealed record HelloResult
{
    public const int DefaultMaxBsonObjectSize = 16 * 1024 * 1024;
    public const int DefaultMaxMessageSizeBytes = 48_000_000;
    public const int DefaultMaxWriteBatchSize = 100_000;

    /// <summary>OP_MSG arrived with MongoDB 3.6.</summary>
    public const int MinimumWireVersion = 6;

    public bool IsWritablePrimary { get; init; }
    public bool IsSecondary { get; init; }
    public bool IsArbiter { get; init; }
    public bool IsMongos { get; init; }
    public string? SetName { get; init; }
    public string? Primary { get; init; }
    public IReadOnlyList<string> Hosts { get; init; } = [];
    public int MinWireVersion { get; init; }
    public int MaxWireVersion { get; init; }
    public int MaxBsonObjectSize { get; init; } = DefaultMaxBsonObjectSize;
    public int MaxMessageSizeBytes { get; init; } = DefaultMaxMessageSizeBytes;
    public int MaxWriteBatchSize { get; init; } = DefaultMaxWriteBatchSize;
    public IReadOnlyList<string>? SaslSupportedMechanisms { get; init; }

    /// <summary>A lone server that is not part of a replica set (or a mongos): it takes writes as it is.</summary>
    public bool IsStandalone => SetName is null && !IsArbiter && (IsWritablePrimary || IsMongos);

    public static HelloResult From(BsonDocument reply)
    {
        var hosts = new List<string>();
        foreach (var field in new[] { "hosts", "passives" })
        {
            if (reply.GetValueOrDefault(field) is BsonArray list)
                hosts.AddRange(list.OfType<BsonString>().Select(h => h.Value));
        }
        return new HelloResult
        {
            IsWritablePrimary = Flag(reply, "isWritablePrimary") || Flag(reply, "ismaster"),
            IsSecondary = Flag(reply, "secondary"),
            IsArbiter = Flag(reply, "arbiterOnly"),
            IsMongos = reply.GetValueOrDefault("msg") is BsonString { Value: "isdbgrid" },
            SetName = Text(reply, "setName"),
            Primary = Text(reply, "primary"),
            Hosts = hosts,
            MinWireVersion = Number(reply, "minWireVersion") ?? 0,
            MaxWireVersion = Number(reply, "maxWireVersion") ?? 0,
            MaxBsonObjectSize = Number(reply, "maxBsonObjectSize") ?? DefaultMaxBsonObjectSize,
            MaxMessageSizeBytes = Number(reply, "maxMessageSizeBytes") ?? DefaultMaxMessageSizeBytes,
            MaxWriteBatchSize = Number(reply, "maxWriteBatchSize") ?? DefaultMaxWriteBatchSize,
            SaslSupportedMechanisms = reply.GetValueOrDefault("saslSupportedMechs") is BsonArray mechanisms
                ? [.. mechanisms.OfType<BsonString>().Select(m => m.Value)]
                : null,
        };
    }

    private static bool Flag(BsonDocument reply, string name) => reply.GetValueOrDefault(name) is { } value && value.ToBoolean();

    private static string? Text(BsonDocument reply, string name) => reply.GetValueOrDefault(name) is BsonString text ? text.Value : null;

    private static int? Number(BsonDocument reply, string name) =>
        reply.GetValueOrDefault(name) is { IsNumeric: true } value && value.ToInt64() > 0 ? (int)Math.Min(value.ToInt64(), int.MaxValue) : null;
}
