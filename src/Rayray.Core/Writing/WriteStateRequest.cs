using Rayray.Core.Documents;

namespace Rayray.Core.Writing;

/// <summary>
/// What a store must read before a batch is planned: every content whose hash is in
/// <see cref="Hashes"/>, that holds a path in <see cref="Paths"/>, or that shares a Live Photo
/// content identifier in <see cref="ContentIdentifiers"/>.
/// </summary>
public sealed record WriteStateRequest(
    IReadOnlyList<string> Hashes,
    IReadOnlyList<string> Paths,
    IReadOnlyList<string> ContentIdentifiers)
{
    public static WriteStateRequest For(IReadOnlyList<MediaDocument> batch) => new(
        [.. batch.Select(d => d.File.Hash).Distinct(StringComparer.Ordinal)],
        [.. batch.Select(d => d.Locations.Single().Path).Distinct(StringComparer.Ordinal)],
        [.. batch.Where(LivePhotoPairs.MayPair).Select(d => d.ContentIdentifier!).Distinct(StringComparer.Ordinal)]);

    /// <summary>What removing <paramref name="paths"/> touches: the contents holding them.</summary>
    public static WriteStateRequest ForRemoval(IReadOnlyList<string> paths) =>
        new([], [.. paths.Distinct(StringComparer.Ordinal)], []);
}
