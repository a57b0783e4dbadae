using System.Diagnostics;
using Rayray.Core.Similarity;

namespace Rayray.Tests.Similarity;

public sealed class NearDuplicateGroupsTests
{
    [Fact]
    public void Hashes_within_the_distance_are_grouped_and_lone_ones_are_not_counted()
    {
        ulong a = 0xd0d8d8d85cec60e1;
        var count = NearDuplicateGroups.Count([a, a ^ 0b111, 0xaf2faefffedc9ddf, 0x0123456789abcdef, 0x0123456789abcdef ^ (1UL << 63)], 10);

        Assert.Equal(new NearDuplicateCount(2, 4), count);
    }

    [Fact]
    public void A_chain_of_look_alikes_is_one_group_even_when_its_ends_are_far_apart()
    {
        // Each 8 bits from the next, in different 16-bit parts; the ends are 24 apart.
        ulong first = 0;
        var second = first ^ 0xFF;
        var third = second ^ (0xFFUL << 24);
        var fourth = third ^ (0xFFUL << 48);

        Assert.Equal(new NearDuplicateCount(1, 4), NearDuplicateGroups.Count([first, second, third, fourth], 8));
        Assert.Equal(new NearDuplicateCount(0, 0), NearDuplicateGroups.Count([first, third], 8));
    }

    [Fact]
    public void Bits_flipped_across_all_four_parts_are_still_found()
    {
        // Ten bits off, spread 3-3-2-2 over the parts: only the parts with 2 are within 10/4 bits.
        ulong a = 0x5555_aaaa_1234_8765;
        var b = a ^ 0x0007_0007_0003_0003;

        Assert.Equal(new NearDuplicateCount(1, 2), NearDuplicateGroups.Count([a, b], 10));
        Assert.Equal(new NearDuplicateCount(0, 0), NearDuplicateGroups.Count([a, b], 9));
    }

    [Fact]
    public void Two_hundred_thousand_hashes_are_grouped_without_comparing_every_pair()
    {
        var random = new Random(17);
        var hashes = new ulong[200_000];
        for (var i = 0; i < hashes.Length; i++)
            hashes[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63);
        hashes[1] = hashes[0] ^ 0b1011;

        var watch = Stopwatch.StartNew();
        var count = NearDuplicateGroups.Count(hashes, 10);

        Assert.True(count.Groups >= 1);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"took {watch.Elapsed}");
    }
}
