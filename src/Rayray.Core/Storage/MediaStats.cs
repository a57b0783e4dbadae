namespace Rayray.Core.Storage;

/// <summary>What <c>rayray stats</c> groups by.</summary>
public enum StatsGrouping
{
    Kind,
    Camera,
    Lens,
    Year,
    Month,
    Author,
    Ext,

    /// <summary>The country's name (place.country).</summary>
    Country,

    /// <summary>The city with its country code ("Lisbon, PT": there is a Paris in Texas).</summary>
    City,

    /// <summary>Each person shown: a photo of two people counts in both groups.</summary>
    Person,
}

/// <summary>Counts and sizes over the whole store, and per group when asked.</summary>
public sealed record MediaStats
{
    /// <summary>Documents (distinct contents) of every status.</summary>
    public long Documents { get; init; }

    /// <summary>The bytes of the distinct contents.</summary>
    public long Bytes { get; init; }

    /// <summary>Paths holding indexed content, and their bytes (copies counted each time).</summary>
    public long Locations { get; init; }
    public long LocationBytes { get; init; }
    public long Indexed { get; init; }
    public long Invalid { get; init; }
    public long Missing { get; init; }
    public long WithGps { get; init; }

    /// <summary>Contents found at more than one path, the paths beyond the first, and the bytes those take.</summary>
    public long DuplicateGroups { get; init; }
    public long DuplicateCopies { get; init; }
    public long WastedBytes { get; init; }

    /// <summary>Stacks (files shot together: RAW+JPEG, bursts, edits) and the files in them.</summary>
    public long Stacks { get; init; }
    public long StackedFiles { get; init; }

    /// <summary>
    /// Groups of different contents whose images look alike (perceptual hashes within the default distance; see
    /// <see cref="Similarity.NearDuplicateGroups"/>), and the images in them. Exact copies are counted above, not here.
    /// </summary>
    public long NearDuplicateGroups { get; init; }
    public long NearDuplicateImages { get; init; }

    public IReadOnlyDictionary<string, long> ByKind { get; init; } = new Dictionary<string, long>();
    public IReadOnlyList<StatsGroup> Groups { get; init; } = [];
}

/// <param name="Key">The group's value ("" when documents have none).</param>
public sealed record StatsGroup(string Key, long Documents, long Bytes);
