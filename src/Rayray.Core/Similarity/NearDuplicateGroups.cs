using System.Collections.Concurrent;
using System.Numerics;

namespace Rayray.Core.Similarity;

/// <summary>How many groups of near-duplicates there are, and how many images are in them.</summary>
public sealed record NearDuplicateCount(long Groups, long Images);

/// <summary>
/// The rule for near-duplicate groups, for every store: images whose perceptual hashes are within the distance of
/// each other are in one group, and so, transitively, is anything within the distance of one of them (single
/// linkage, by union-find). Exact copies of the bytes are one document, so they are not counted here (<c>copies&gt;1</c>
/// is); different files with the same perceptual hash are.
/// Candidates are found without comparing every pair (multi-index hashing): the 64 bits are cut into four 16-bit parts,
/// and two hashes at most <c>d</c> apart differ in at most <c>d/4</c> bits of one of the parts (else the four parts
/// would differ in more than <c>d</c>), so each hash is compared only with those whose part, for some part, is within
/// <c>d/4</c> bits of its own: each bucket of a part value is compared with the 137 buckets of the values within 2 bits
/// of it (at distance 10), two runs of a sorted array, each pair of buckets once. Equal hashes
/// are counted once, so a thousand black frames do not make a million comparisons. On two cores: 100,000 random hashes
/// in about 0.1 s, a million in a few seconds (docs/benchmarks.md).
/// </summary>
public static class NearDuplicateGroups
{
    private const int Parts = 4;
    private const int PartBits = 16;

    public static NearDuplicateCount Count(IReadOnlyCollection<ulong> hashes, int maxDistance)
    {
        var (distinct, multiplicity) = Distinct(hashes);
        var n = distinct.Length;
        var flips = Flips(maxDistance / Parts);
        var pairs = new ConcurrentBag<(int, int)[]>();

        for (var part = 0; part < Parts; part++)
        {
            var (starts, members, memberHashes) = Buckets(distinct, part * PartBits);
            // Bucket against bucket: two runs of a sorted array, each pair of buckets once (v ^ flip >= v).
            Parallel.For(0, 1 << PartBits, () => new List<(int, int)>(), (v, _, found) =>
            {
                if (starts[v] == starts[v + 1])
                    return found;
                foreach (var flip in flips)
                {
                    var w = v ^ flip;
                    if (w < v)
                        continue;
                    var other = memberHashes.AsSpan(starts[w], starts[w + 1] - starts[w]);
                    for (var a = starts[v]; a < starts[v + 1]; a++)
                    {
                        var hash = memberHashes[a];
                        for (var b = w == v ? a - starts[v] + 1 : 0; b < other.Length; b++)
                        {
                            if (BitOperations.PopCount(hash ^ other[b]) <= maxDistance)
                                found.Add((members[a], members[starts[w] + b]));
                        }
                    }
                }
                return found;
            }, found => pairs.Add([.. found]));
        }

        var parent = new int[n];
        for (var i = 0; i < n; i++)
            parent[i] = i;
        foreach (var batch in pairs)
        {
            foreach (var (a, b) in batch)
                Union(parent, a, b);
        }

        var sizes = new Dictionary<int, long>();
        for (var i = 0; i < n; i++)
        {
            var root = Find(parent, i);
            sizes[root] = sizes.GetValueOrDefault(root) + multiplicity[i];
        }
        var groups = sizes.Values.Where(size => size > 1).ToList();
        return new NearDuplicateCount(groups.Count, groups.Sum());
    }

    /// <summary>The different hashes, and how many images have each.</summary>
    private static (ulong[] Hashes, int[] Multiplicity) Distinct(IReadOnlyCollection<ulong> hashes)
    {
        var sorted = hashes.ToArray();
        Array.Sort(sorted);
        var distinct = new List<ulong>(sorted.Length);
        var multiplicity = new List<int>(sorted.Length);
        foreach (var hash in sorted)
        {
            if (distinct.Count > 0 && distinct[^1] == hash)
            {
                multiplicity[^1]++;
            }
            else
            {
                distinct.Add(hash);
                multiplicity.Add(1);
            }
        }
        return ([.. distinct], [.. multiplicity]);
    }

    /// <summary>
    /// The hashes ordered by one 16-bit part (a counting sort), with their indexes, and where each part value's run
    /// starts: a bucket is read in order, its hashes beside their indexes.
    /// </summary>
    private static (int[] Starts, int[] Members, ulong[] MemberHashes) Buckets(ulong[] hashes, int shift)
    {
        var starts = new int[(1 << PartBits) + 1];
        foreach (var hash in hashes)
            starts[((hash >> shift) & 0xFFFF) + 1]++;
        for (var v = 0; v < 1 << PartBits; v++)
            starts[v + 1] += starts[v];
        var next = (int[])starts.Clone();
        var members = new int[hashes.Length];
        var memberHashes = new ulong[hashes.Length];
        for (var i = 0; i < hashes.Length; i++)
        {
            var at = next[(hashes[i] >> shift) & 0xFFFF]++;
            members[at] = i;
            memberHashes[at] = hashes[i];
        }
        return (starts, members, memberHashes);
    }

    /// <summary>Every 16-bit mask of at most <paramref name="radius"/> bits.</summary>
    private static int[] Flips(int radius) =>
        [.. Enumerable.Range(0, 1 << PartBits).Where(mask => BitOperations.PopCount((uint)mask) <= radius)];

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var (rootA, rootB) = (Find(parent, a), Find(parent, b));
        if (rootA != rootB)
            parent[Math.Max(rootA, rootB)] = Math.Min(rootA, rootB);
    }
}
