using Rayray.Core.Documents;
using Rayray.Core.Storage;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Scanning;

/// <summary>Files shot together become stacks: RAW+JPEG pairs, bursts, a Pixel's RAW pair, edited copies.</summary>
public sealed class StackTests : ScannedLibrary
{
    private static ExifSpec Shot(string taken, string? burst = null) =>
        burst is null
            ? FixtureLibrary.FullExif with { DateTimeOriginal = taken }
            : FixtureLibrary.FullExif with { Make = "Apple", Model = "iPhone 15 Pro", DateTimeOriginal = taken, AppleBurstUuid = burst };

    private static string GoogleBurst(string id) =>
        "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + $"<rdf:Description rdf:about=\"\" xmlns:GCamera=\"http://ns.google.com/photos/1.0/camera/\" GCamera:BurstID=\"{id}\"/>"
        + "</rdf:RDF></x:xmpmeta>\n<?xpacket end=\"w\"?>";

    private protected override void WriteFiles()
    {
        // A camera's RAW+JPEG: same name, same second.
        Library.Add("canon/IMG_0001.JPG", TestImages.Jpeg(64, 48, Shot("2024:05:01 10:00:00")));
        Library.Add("canon/IMG_0001.CR3", TestImages.Cr3(6000, 4000, Shot("2024:05:01 10:00:00")));
        // The same number from another day (the counter wrapped): not one shot.
        Library.Add("canon/IMG_0002.JPG", TestImages.Jpeg(64, 48, Shot("2024:05:01 10:00:05")));
        Library.Add("canon/IMG_0002.CR3", TestImages.Cr3(6000, 4000, Shot("2025:02:11 16:42:00")));
        // The same name in another folder is another shot.
        Library.Add("elsewhere/IMG_0001.JPG", TestImages.Jpeg(64, 48, Shot("2024:05:01 10:00:00") with { Model = "Other" }));
        // Edited copies: Google's -edited (its time lost) and Apple's IMG_E.
        Library.Add("phone/IMG_0100.JPG", TestImages.Jpeg(64, 48, Shot("2024:06:01 12:00:00")));
        Library.Add("phone/IMG_0100-edited.jpg", TestImages.Jpeg(32, 24));
        Library.Add("phone/IMG_0200.JPG", TestImages.Jpeg(64, 48, Shot("2024:06:01 12:05:00")));
        Library.Add("phone/IMG_E0200.JPG", TestImages.Jpeg(60, 48, Shot("2024:06:01 12:05:00")));
        // An iPhone burst (BurstUUID in Apple's maker note), and a lone shot of another burst.
        Library.Add("burst/IMG_0300.JPG", TestImages.Jpeg(64, 48, Shot("2024:07:01 09:00:00", "B1A2")));
        Library.Add("burst/IMG_0301.JPG", TestImages.Jpeg(66, 48, Shot("2024:07:01 09:00:00", "B1A2")));
        Library.Add("burst/IMG_0302.JPG", TestImages.Jpeg(68, 48, Shot("2024:07:01 09:00:01", "B1A2")));
        Library.Add("burst/IMG_0310.JPG", TestImages.Jpeg(64, 48, Shot("2024:07:01 09:01:00", "C3D4")));
        // A Pixel burst (GCamera:BurstID) and a Pixel's RAW pair.
        Library.Add("pixel/PXL_20240801_100000001.jpg", TestImages.Jpeg(64, 48, Shot("2024:08:01 10:00:00"), xmp: GoogleBurst("pixel-7")));
        Library.Add("pixel/PXL_20240801_100000301.jpg", TestImages.Jpeg(66, 48, Shot("2024:08:01 10:00:00"), xmp: GoogleBurst("pixel-7")));
        Library.Add("pixel/PXL_20240802_120000000.RAW-01.MP.COVER.jpg", TestImages.Jpeg(64, 48, Shot("2024:08:02 12:00:00")));
        Library.Add("pixel/PXL_20240802_120000000.RAW-02.ORIGINAL.dng",
            RawTiffWriter.Write(Shot("2024:08:02 12:00:00"), RawTiffWriter.Dng, (32, 24), (64, 48), new byte[64 * 48 * 2]));
    }

    private async Task<MediaDocument> Document(string relative) => (await Store.FindAsync(Library.PathOf(relative), default))!;

    private async Task<Dictionary<string, StackRole>> StackOf(string relative)
    {
        var stack = (await Document(relative)).Stack ?? throw new Xunit.Sdk.XunitException($"{relative} has no stack");
        var members = new Dictionary<string, StackRole>(StringComparer.Ordinal);
        foreach (var name in await Matching($"stack:{stack.Id}"))
            members[name] = (await Store.QueryAsync(new Rayray.Core.Query.MediaQuery { Filter = Rayray.Core.Query.QueryParser.Parse($"stack:{stack.Id} && name:\"{name}\"") }, default)
                .Select(json => DocumentJson.Deserialize(json).Stack!.Role).FirstAsync());
        return members;
    }

    [Fact]
    public async Task A_raw_and_its_jpeg_taken_in_the_same_second_are_one_stack_with_the_jpeg_primary() =>
        Assert.Equal(
            new Dictionary<string, StackRole> { ["IMG_0001.CR3"] = StackRole.Raw, ["IMG_0001.JPG"] = StackRole.Primary },
            await StackOf("canon/IMG_0001.JPG"));

    [Fact]
    public async Task The_same_name_taken_at_another_time_or_in_another_folder_is_not_stacked()
    {
        Assert.Null((await Document("canon/IMG_0002.JPG")).Stack);
        Assert.Null((await Document("canon/IMG_0002.CR3")).Stack);
        Assert.Null((await Document("elsewhere/IMG_0001.JPG")).Stack);
    }

    [Fact]
    public async Task Edited_copies_join_their_original()
    {
        Assert.Equal(
            new Dictionary<string, StackRole> { ["IMG_0100-edited.jpg"] = StackRole.Edit, ["IMG_0100.JPG"] = StackRole.Primary },
            await StackOf("phone/IMG_0100.JPG"));
        Assert.Equal(
            new Dictionary<string, StackRole> { ["IMG_0200.JPG"] = StackRole.Primary, ["IMG_E0200.JPG"] = StackRole.Edit },
            await StackOf("phone/IMG_0200.JPG"));
    }

    [Fact]
    public async Task A_burst_is_one_stack_with_its_first_shot_primary()
    {
        Assert.Equal(
            new Dictionary<string, StackRole> { ["IMG_0300.JPG"] = StackRole.Primary, ["IMG_0301.JPG"] = StackRole.Burst, ["IMG_0302.JPG"] = StackRole.Burst },
            await StackOf("burst/IMG_0301.JPG"));
        Assert.Equal("B1A2", (await Document("burst/IMG_0300.JPG")).BurstId);
        Assert.Null((await Document("burst/IMG_0310.JPG")).Stack);
        Assert.Equal(
            new Dictionary<string, StackRole> { ["PXL_20240801_100000001.jpg"] = StackRole.Primary, ["PXL_20240801_100000301.jpg"] = StackRole.Burst },
            await StackOf("pixel/PXL_20240801_100000001.jpg"));
    }

    [Fact]
    public async Task A_pixel_raw_pair_is_one_stack_with_its_cover_primary() =>
        Assert.Equal(
            new Dictionary<string, StackRole>
            {
                ["PXL_20240802_120000000.RAW-01.MP.COVER.jpg"] = StackRole.Primary,
                ["PXL_20240802_120000000.RAW-02.ORIGINAL.dng"] = StackRole.Raw,
            },
            await StackOf("pixel/PXL_20240802_120000000.RAW-01.MP.COVER.jpg"));

    [Fact]
    public async Task Has_stack_and_stack_roles_are_queryable()
    {
        Assert.Equal(13, (await Matching("has:stack")).Count);
        Assert.Equal(["IMG_0001.CR3", "PXL_20240802_120000000.RAW-02.ORIGINAL.dng"], await Matching("stack.role:raw"));
        Assert.Equal(new[] { "IMG_0002.CR3", "IMG_0002.JPG", "IMG_0001.JPG", "IMG_0310.JPG" }.Order(StringComparer.Ordinal), await Matching("!has:stack && kind:image"));
    }

    [Fact]
    public async Task Stats_count_stacks_and_the_files_in_them()
    {
        var stats = await Store.GetStatsAsync(null, default);

        Assert.Equal(6, stats.Stacks);
        Assert.Equal(13, stats.StackedFiles);
    }

    [Fact]
    public async Task A_member_that_is_pruned_or_renamed_away_leaves_the_stack_and_a_lone_file_keeps_none()
    {
        File.Delete(Library.PathOf("canon/IMG_0001.JPG"));
        File.Move(Library.PathOf("phone/IMG_0100-edited.jpg"), Library.PathOf("phone/beach.jpg"));
        File.Delete(Library.PathOf("burst/IMG_0302.JPG"));

        await TestScan.RunAsync(Store, [Library.Root], o => o with { Prune = true });

        Assert.Null((await Document("canon/IMG_0001.CR3")).Stack);
        Assert.Null((await Document("phone/IMG_0100.JPG")).Stack);
        Assert.Null((await Document("phone/beach.jpg")).Stack);
        Assert.Equal(["beach.jpg"], await Matching("beach")); // named after its path now, in the text index too
        Assert.Equal(
            new Dictionary<string, StackRole> { ["IMG_0300.JPG"] = StackRole.Primary, ["IMG_0301.JPG"] = StackRole.Burst },
            await StackOf("burst/IMG_0300.JPG"));
    }

    [Fact]
    public async Task A_missing_member_keeps_its_stack_until_it_is_pruned()
    {
        File.Delete(Library.PathOf("canon/IMG_0001.JPG"));

        await TestScan.RunAsync(Store, [Library.Root]);

        Assert.Equal(StackRole.Raw, (await Document("canon/IMG_0001.CR3")).Stack?.Role);
    }
}
