namespace Rayray.Core.Storage;

/// <summary>What a store says about itself without changing anything: for <c>rayray doctor</c>.</summary>
public sealed record StoreHealth
{
    public required string Address { get; init; }

    /// <summary>Why the database cannot be used; null when it can.</summary>
    public string? Error { get; init; }
    public int? SchemaVersion { get; init; }
    public required int CurrentSchemaVersion { get; init; }
    public IReadOnlyList<string> MissingIndexes { get; init; } = [];
    public long? Documents { get; init; }

    /// <summary>True when the database does not exist yet: the first scan creates it.</summary>
    public bool NotCreatedYet { get; init; }

    public bool IsHealthy => Error is null && MissingIndexes.Count == 0 && (NotCreatedYet || SchemaVersion == CurrentSchemaVersion);
}
