namespace Rayray.Testing.Fixtures;

/// <summary>
/// Damages real files the ways disks, transfers and hostile writers do: cut short at every header boundary
/// and at offsets spread through the file, single bytes flipped (headers first), ranges zero-filled, and
/// segments repeated. Deterministic for a given seed, so a failure names a mutation that can be rebuilt.
/// </summary>
public static class HostileMutations
{
    /// <param name="original">The intact file.</param>
    /// <param name="boundaryCuts">How many cuts at header boundaries (and one byte before each) at most: all of them when there are fewer, else an even sample.</param>
    /// <param name="spreadCuts">How many more cuts, at offsets spread evenly through the file's structure.</param>
    /// <param name="flips">How many single-byte flips (half at header boundaries, half anywhere).</param>
    /// <param name="zeroFills">How many zero-filled ranges, each starting at a header boundary.</param>
    /// <param name="repeats">How many repeated segments (the bytes between two boundaries, written twice).</param>
    /// <param name="seed">Seeds the choice of positions.</param>
    public static IReadOnlyList<HostileMutation> Of(byte[] original, int boundaryCuts, int spreadCuts, int flips, int zeroFills, int repeats, int seed)
    {
        var layout = HostileLayout.Of(original);
        var random = new Random(seed);
        var mutations = new List<HostileMutation>();

        var structural = layout.StructuralEnd;
        var atBoundaries = layout.Boundaries.Where(b => b < structural).SelectMany(b => new[] { b, b - 1 }).Where(b => b > 0).Distinct().ToList();
        var cuts = new SortedSet<int>(Sample(atBoundaries, boundaryCuts, random));
        for (var i = 1; i <= spreadCuts; i++)
            cuts.Add((int)Math.Max(1, (long)structural * i / (spreadCuts + 1)));
        foreach (var cut in cuts)
        {
            mutations.Add(new HostileMutation($"truncated-at-{cut}", HostileMutationKind.Truncated, original[..cut])
            {
                CutsStructure = cut < structural,
            });
        }

        var headerPositions = layout.Boundaries.SelectMany(b => Enumerable.Range(b, 4)).Where(p => p < original.Length).Distinct().ToList();
        var flipAt = new SortedSet<int>(Sample(headerPositions, flips / 2, random));
        while (flipAt.Count < Math.Min(flips, original.Length))
            flipAt.Add(random.Next(original.Length));
        foreach (var at in flipAt)
        {
            var bytes = (byte[])original.Clone();
            bytes[at] ^= 0xFF;
            mutations.Add(new HostileMutation($"flipped-at-{at}", HostileMutationKind.ByteFlipped, bytes));
        }

        foreach (var at in Sample(layout.Boundaries, zeroFills, random))
        {
            var length = Math.Min(original.Length - at, 4 << random.Next(11));
            var bytes = (byte[])original.Clone();
            Array.Clear(bytes, at, length);
            mutations.Add(new HostileMutation($"zeroed-{at}-to-{at + length}", HostileMutationKind.ZeroFilled, bytes));
        }

        var segments = layout.Boundaries.Zip(layout.Boundaries.Skip(1)).Where(s => s.Second - s.First is > 0 and <= 256 * 1024).ToList();
        foreach (var (start, end) in Sample(segments, repeats, random))
        {
            byte[] bytes = [.. original.AsSpan(0, end), .. original.AsSpan(start, end - start), .. original.AsSpan(end)];
            mutations.Add(new HostileMutation($"repeated-{start}-to-{end}", HostileMutationKind.SegmentRepeated, bytes));
        }
        return mutations;
    }

    /// <summary>At most <paramref name="count"/> items, spread evenly over the list with a random start.</summary>
    private static List<T> Sample<T>(IReadOnlyList<T> items, int count, Random random)
    {
        if (count <= 0 || items.Count == 0)
            return [];
        if (items.Count <= count)
            return [.. items];
        var step = items.Count / (double)count;
        var start = random.NextDouble() * step;
        return [.. Enumerable.Range(0, count).Select(i => items[Math.Min(items.Count - 1, (int)(start + (i * step)))])];
    }
}
