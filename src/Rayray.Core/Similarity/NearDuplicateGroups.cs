using System.Numerics;

namespace Rayray.Core.Similarity;

/// <summary>How many groups of near-duplicates there are, and how many images are in them.</summary>
public sealed record NearDuplicateCount(long Groups, long Images);

/// <summary>
/// The rule for near-duplicate groups, for every store: images whose perceptual hashes are within the distance of
/// each other are in one group, and so, transitively, is anything within the distance of one of them (single
/// linkage, by union-find). Exact copies are one document, so they are not counted here (<c>copies&gt;1</c> is).
/// Candidates are found without comparing every pair: the 64 bits are cut into four 16-bit parts and two hashes at most
/// <c>d</c> apart differ in at most <c>d/4</c> bits of one of the parts (else the four parts would differ in more than
/// <c>d</c>), so each hash is compared only with those whose part, for some part, is within <c>d/4</c> bits of its
/// own: an array lookup per neighbouring part value (137 of them at distance 10).
/// </summary>
public static class NearDuplicateGroups
{
    private const int Parts = 4;
    private const int PartBits = 16;

    public static NearDuplicateCount Count(IReadOnlyList<ulong> hashes, int maxDistance)
    {
        var n = hashes.Count;
        var parent = new int[n];
        for (var i = 0; i < n; i++)
            parent[i] = i;
        var radius = maxDistance / Parts;
        var flips = Flips(radius);

        for (var part = 0; part < Parts; part++)
        {
            var shift = part * PartBits;
            var (starts, members) = Buckets(hashes, shift);
            for (var i = 0; i < n; i++)
            {
                var own = (int)((hashes[i] >> shift) & 0xFFFF);
                foreach (var flip in flips)
                {
                    var bucket = own ^ flip;
                    for (var m = starts[bucket]; m < starts[bucket + 1]; m++)
                    {
                        var j = members[m];
                        if (j > i && BitOperations.PopCount(hashes[i] ^ hashes[j]) <= maxDistance)
                            Union(parent, i, j);
                    }
                }
            }
        }

        var sizes = new Dictionary<int, int>();
        for (var i = 0; i < n; i++)
        {
            var root = Find(parent, i);
            sizes[root] = sizes.GetValueOrDefault(root) + 1;
        }
        var groups = sizes.Values.Where(size => size > 1).ToList();
        return new NearDuplicateCount(groups.Count, groups.Sum(size => (long)size));
    }

    /// <summary>The hashes' indexes sorted by one 16-bit part, and where each part value's run starts (a counting sort).</summary>
    private static (int[] Starts, int[] Members) Buckets(IReadOnlyList<ulong> hashes, int shift)
    {
        var starts = new int[(1 << PartBits) + 1];
        foreach (var hash in hashes)
            starts[((hash >> shift) & 0xFFFF) + 1]++;
        for (var v = 0; v < 1 << PartBits; v++)
            starts[v + 1] += starts[v];
        var next = (int[])starts.Clone();
        var members = new int[hashes.Count];
        for (var i = 0; i < hashes.Count; i++)
            members[next[(hashes[i] >> shift) & 0xFFFF]++] = i;
        return (starts, members);
    }

    /// <summary>Every 16-bit mask of at most <paramref name="radius"/> bits.</summary>
    private static List<int> Flips(int radius)
    {
        var masks = new List<int>();
        for (var mask = 0; mask < 1 << PartBits; mask++)
        {
            if (BitOperations.PopCount((uint)mask) <= radius)
                masks.Add(mask);
        }
        return masks;
    }

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
