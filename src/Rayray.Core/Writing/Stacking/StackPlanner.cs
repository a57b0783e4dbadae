using Rayray.Core.Documents;

namespace Rayray.Core.Writing.Stacking;

/// <summary>
/// Which files are one stack, decided over every content that shares a <see cref="StackFacts.Key"/>:
/// <list type="bullet">
/// <item>a burst: every picture with the same burst id in the same folder;</item>
/// <item>a shot: pictures with the same base name in the same folder taken in the same second (a RAW and
/// its JPEG or HEIC, a Pixel's cover and original); a picture whose time is unknown is never stacked by
/// its name alone, since camera numbers repeat;</item>
/// <item>edited copies join the shot of their base name taken in the same second, or, when they carry no
/// time, the only shot of that name.</item>
/// </list>
/// One member is the primary (a Pixel's cover, else a JPEG/HEIC before a RAW, else the earliest shot);
/// the others are raw, edit or burst. A stack has two members or more. Pure: the batch and removal
/// planners call it, the stores only write what it says.
/// </summary>
public static class StackPlanner
{
    /// <summary>Every given content's stack; null for those that stand alone.</summary>
    public static Dictionary<string, StackMembership?> Plan(IEnumerable<StackFacts> contents)
    {
        var result = new Dictionary<string, StackMembership?>(StringComparer.Ordinal);
        foreach (var group in contents.GroupBy(c => c.Key, StringComparer.Ordinal))
        {
            var members = group.OrderBy(c => c.Name, StringComparer.Ordinal).ThenBy(c => c.Hash, StringComparer.Ordinal).ToList();
            foreach (var member in members)
                result[member.Hash] = null;
            foreach (var (stack, moment) in Stacks(members))
                Assign(stack, StackFacts.IdFor(group.Key, moment), result);
        }
        return result;
    }

    private static IEnumerable<(List<StackFacts> Members, string? Moment)> Stacks(List<StackFacts> members)
    {
        if (members[0].IsBurst)
        {
            yield return (members, null);
            yield break;
        }
        var shots = members
            .Where(m => !m.Parsed.IsEdit && m.Moment is not null)
            .GroupBy(m => m.Moment!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var edit in members.Where(m => m.Parsed.IsEdit))
        {
            if (edit.Moment is not null && shots.TryGetValue(edit.Moment, out var shot))
                shot.Add(edit);
            else if (edit.Moment is null && shots.Count == 1)
                shots.Values.Single().Add(edit);
        }
        foreach (var (moment, shot) in shots)
            yield return (shot, moment);
    }

    private static void Assign(List<StackFacts> members, string id, Dictionary<string, StackMembership?> result)
    {
        if (members.Count < 2)
            return;
        var primary = members
            .OrderBy(m => m.Parsed.IsCover ? 0 : 1)
            .ThenBy(m => m.Parsed.IsEdit ? 1 : 0)
            .ThenBy(m => m.IsRaw ? 1 : 0)
            .ThenBy(m => m.Moment ?? "\uffff", StringComparer.Ordinal)
            .ThenBy(m => m.Name, StringComparer.Ordinal)
            .First();
        foreach (var member in members)
        {
            var role = member == primary ? StackRole.Primary
                : member.IsRaw ? StackRole.Raw
                : member.Parsed.IsEdit ? StackRole.Edit
                : member.IsBurst ? StackRole.Burst
                : StackRole.Edit;
            result[member.Hash] = new StackMembership(id, role);
        }
    }
}
