using Rayray.Core.Documents;

namespace Rayray.Core.Writing.Stacking;

/// <summary>
/// The stacks an operation (a batch, a removal) changes: every stack a content it touched belonged
/// to before or belongs to after is decided again by <see cref="StackPlanner"/> over its members as
/// they stand after the operation. The store read every member beforehand (<see cref="WriteStateRequest.FollowUpStackKeys"/>).
/// </summary>
public sealed class StackRevision
{
    private readonly Dictionary<string, StackMembership?> _decided;
    private readonly StoredState _state;

    /// <param name="changed">The contents the operation touched, as they stand after it: their facts, or null when deleted or never stacked.</param>
    public StackRevision(StoredState state, IReadOnlyDictionary<string, StackFacts?> changed)
    {
        _state = state;
        var after = new Dictionary<string, StackFacts>(StringComparer.Ordinal);
        foreach (var stored in state.Contents)
        {
            if (stored.Stack is { } facts)
                after[stored.Hash] = facts;
        }
        var touched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (hash, facts) in changed)
        {
            if (state.ByHash(hash)?.Stack is { } before)
                touched.Add(before.Key);
            if (facts is null)
            {
                after.Remove(hash);
                continue;
            }
            after[hash] = facts;
            touched.Add(facts.Key);
        }
        _decided = StackPlanner.Plan(after.Values.Where(f => touched.Contains(f.Key)));
    }

    /// <summary>The stack a content has after the operation (null: none).</summary>
    public StackMembership? StackOf(string hash) => _decided.GetValueOrDefault(hash);

    /// <summary>The stored contents, other than <paramref name="written"/>, whose stack changes.</summary>
    /// <param name="inputsByKey">The inputs that touched each stack key: a change stands for them.</param>
    public List<StackChange> Changes(IReadOnlySet<string> written, IReadOnlyDictionary<string, SortedSet<int>> inputsByKey) =>
    [
        .. _decided
            .Where(d => !written.Contains(d.Key) && _state.ByHash(d.Key) is { } stored && stored.Stack?.Stored != d.Value)
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .Select(d => new StackChange(d.Key, d.Value, [.. inputsByKey.GetValueOrDefault(_state.ByHash(d.Key)!.Stack!.Key) ?? []])),
    ];
}
