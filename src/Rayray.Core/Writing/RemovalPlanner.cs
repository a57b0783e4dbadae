using Rayray.Core.Storage;
using Rayray.Core.Writing.Stacking;

namespace Rayray.Core.Writing;

/// <summary>
/// What removing vanished paths does: each content holding some of them loses those locations,
/// and one left with none becomes missing or is deleted, by the same rule as a batch
/// (<see cref="OrphanRelease.FateOf"/>). One that loses the path it is named after is named after another
/// (<see cref="PrimaryPathChange"/>); the stacks of renamed and deleted ones are decided again. Pure, like <see cref="BatchPlanner"/>.
/// </summary>
public static class RemovalPlanner
{
    public static RemovalPlan Plan(IReadOnlyList<string> paths, StoredState state, bool prune)
    {
        var releases = new List<PathRelease>();
        var orphans = new List<OrphanRelease>();
        var removedByDocument = new Dictionary<string, int>(StringComparer.Ordinal);
        var moved = new Dictionary<string, StackFacts?>(StringComparer.Ordinal);
        var byHolder = paths
            .Distinct(StringComparer.Ordinal)
            .Select(path => (Path: path, Hash: state.HashAt(path)))
            .Where(p => p.Hash is not null)
            .GroupBy(p => p.Hash!, StringComparer.Ordinal);
        foreach (var holder in byHolder)
        {
            var content = state.ByHash(holder.Key)!;
            var gone = holder.Select(p => p.Path).ToHashSet(StringComparer.Ordinal);
            var renamed = PrimaryPathChange.After(content, content.Locations.Select(l => l.Path).Where(p => !gone.Contains(p)));
            releases.Add(new PathRelease(content.Hash, [.. gone.Order(StringComparer.Ordinal)], [], renamed));
            if (renamed is not null && content.Stack is { } facts)
                moved[content.Hash] = facts.MovedTo(renamed.Path);
            removedByDocument[content.Id] = removedByDocument.GetValueOrDefault(content.Id) + gone.Count;
            if (content.Locations.All(l => gone.Contains(l.Path)))
                orphans.Add(new OrphanRelease(content.Hash, OrphanRelease.FateOf(content.Hash, prune), []));
        }
        foreach (var orphan in orphans.Where(o => o.Fate == OrphanFate.Deleted))
            moved[orphan.Hash] = null;
        var stackChanges = new StackRevision(state, moved).Changes(new HashSet<string>(), new Dictionary<string, SortedSet<int>>());
        return new RemovalPlan(releases, orphans, removedByDocument, stackChanges);
    }
}
