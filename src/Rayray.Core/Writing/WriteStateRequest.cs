using Rayray.Core.Documents;
using Rayray.Core.Writing.Stacking;

namespace Rayray.Core.Writing;

/// <summary>
/// What a store must read before a batch is planned: every content whose hash is in
/// <see cref="Hashes"/>, that holds a path in <see cref="Paths"/>, that shares a Live Photo
/// content identifier in <see cref="ContentIdentifiers"/>, or that may be stacked with them
/// (<see cref="StackKeys"/>, then <see cref="FollowUpStackKeys"/>).
/// </summary>
public sealed record WriteStateRequest(
    IReadOnlyList<string> Hashes,
    IReadOnlyList<string> Paths,
    IReadOnlyList<string> ContentIdentifiers,
    IReadOnlyList<string> StackKeys)
{
    public static WriteStateRequest For(IReadOnlyList<MediaDocument> batch) => new(
        [.. batch.Select(d => d.File.Hash).Distinct(StringComparer.Ordinal)],
        [.. batch.Select(d => d.Locations.Single().Path).Distinct(StringComparer.Ordinal)],
        [.. batch.Where(LivePhotoPairs.MayPair).Select(d => d.ContentIdentifier!).Distinct(StringComparer.Ordinal)],
        [.. batch.Select(StackFacts.KeyOf).OfType<string>().Distinct(StringComparer.Ordinal)]);

    /// <summary>What removing <paramref name="paths"/> touches: the contents holding them.</summary>
    public static WriteStateRequest ForRemoval(IReadOnlyList<string> paths) =>
        new([], [.. paths.Distinct(StringComparer.Ordinal)], [], []);

    /// <summary>
    /// The stacks the contents read so far belonged to, not yet asked for: a content that moves or
    /// goes leaves its old stack, whose other members must be read too. A store reads these second.
    /// </summary>
    public IReadOnlyList<string> FollowUpStackKeys(IEnumerable<StoredContent> read) =>
        [.. read.Select(c => c.Stack?.Key).OfType<string>().Distinct(StringComparer.Ordinal).Except(StackKeys, StringComparer.Ordinal)];
}
