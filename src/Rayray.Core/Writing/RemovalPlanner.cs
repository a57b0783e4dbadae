namespace Rayray.Core.Writing;

/// <summary>
/// What removing vanished paths does: each content holding some of them loses those locations,
/// and one left with none becomes missing or is deleted, by the same rule as a batch
/// (<see cref="OrphanRelease.FateOf"/>). Pure, like <see cref="BatchPlanner"/>.
/// </summary>
public static class RemovalPlanner
{
    public static RemovalPlan Plan(IReadOnlyList<string> paths, StoredState state, bool prune)
    {
        var releases = new List<PathRelease>();
        var orphans = new List<OrphanRelease>();
        var removedByDocument = new Dictionary<string, int>(StringComparer.Ordinal);
        var byHolder = paths
            .Distinct(StringComparer.Ordinal)
            .Select(path => (Path: path, Hash: state.HashAt(path)))
            .Where(p => p.Hash is not null)
            .GroupBy(p => p.Hash!, StringComparer.Ordinal);
        foreach (var holder in byHolder)
        {
            var content = state.ByHash(holder.Key)!;
            var gone = holder.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
            releases.Add(new PathRelease(content.Hash, [.. gone.Order(StringComparer.Ordinal)], []));
            removedByDocument[content.Id] = removedByDocument.GetValueOrDefault(content.Id) + gone.Count;
            if (content.Locations.All(l => gone.Contains(l.Path)))
                orphans.Add(new OrphanRelease(content.Hash, OrphanRelease.FateOf(content.Hash, prune), []));
        }
        return new RemovalPlan(releases, orphans, removedByDocument);
    }
}
