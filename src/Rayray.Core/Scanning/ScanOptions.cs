using Rayray.Core.Extraction;
using Rayray.Core.Geotagging;
using Rayray.Core.Walking;
using Rayray.Core.Writing;

namespace Rayray.Core.Scanning;

public sealed record ScanOptions
{
    public required WalkOptions Walk { get; init; }
    public ExtractionOptions Extraction { get; init; } = new();
    public BatchOptions Batch { get; init; } = new();

    /// <summary>Delete documents left without any location, instead of keeping them as "missing".</summary>
    public bool Prune { get; init; }

    /// <summary>How many files are read at once (default: one per core).</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>The track log (<c>--geotag</c>) that places photos without a position of their own; null without one.</summary>
    public GeotagOptions? Geotag { get; init; }
}
