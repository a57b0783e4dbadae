using Rayray.Core.Storage;

namespace Rayray.Core.Writing;

/// <summary>The locations to remove and the contents they leave without any, as <see cref="RemovalPlanner"/> decided.</summary>
public sealed record RemovalPlan(
    IReadOnlyList<PathRelease> Releases,
    IReadOnlyList<OrphanRelease> Orphans,
    IReadOnlyDictionary<string, int> RemovedByDocument,
    IReadOnlyList<StackChange> StackChanges)
{
    public MissingLocationsResult Result => new(
        RemovedByDocument,
        Orphans.Count(o => o.Fate == OrphanFate.Missing),
        Orphans.Count(o => o.Fate == OrphanFate.Deleted));
}
