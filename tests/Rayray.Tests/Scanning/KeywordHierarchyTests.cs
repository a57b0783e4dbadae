using Rayray.Core.Query;
using Rayray.Storage.Sqlite;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Scanning;

/// <summary>
/// Hierarchical keywords (Lightroom, digiKam, Media Pro) are kept whole in <c>tags</c> as <c>|</c>-separated paths;
/// <c>tag:</c> finds a path by its last level, by a start of it that ends at a level, or whole.
/// </summary>
public sealed class KeywordHierarchyTests : ScannedLibrary
{
    private protected override void WriteFiles()
    {
        Photo("lightroom.jpg", null);
        Library.Add("lightroom.jpg.xmp", TestImages.Xmp(subjects: ["Marseille", "beach"],
            people: new XmpPeopleAndKeywords { HierarchicalSubjects = ["Places|France|Marseille", "Events|Holiday 2024"] }));
        Photo("digikam.jpg", new XmpPeopleAndKeywords { DigiKamTags = ["Places/France/Paris", "/Animals//Cats/"] });
        Photo("mediapro.jpg", new XmpPeopleAndKeywords { CatalogSets = ["Places|Portugal|Lisbon"] });
        Library.Add("plain.jpg", TestImages.Jpeg(32, 24, new ExifSpec { Model = "plain" }, TestImages.Xmp(subjects: ["France", "Marseilles port"])));
    }

    private void Photo(string name, XmpPeopleAndKeywords? keywords) =>
        Library.Add(name, TestImages.Jpeg(32, 24, new ExifSpec { Model = name }, keywords is null ? null : TestImages.Xmp(people: keywords)));

    [Fact]
    public async Task A_Lightroom_hierarchy_is_kept_whole_after_the_plain_keywords_and_its_leaf_is_not_repeated() =>
        Assert.Equal(["Marseille", "beach", "Places|France|Marseille", "Events|Holiday 2024"],
            (await Store.FindAsync(Library.PathOf("lightroom.jpg"), default))!.Tags);

    [Fact]
    public async Task A_digiKam_path_is_written_with_bars_and_without_empty_levels() =>
        Assert.Equal(["Places|France|Paris", "Animals|Cats"], (await Store.FindAsync(Library.PathOf("digikam.jpg"), default))!.Tags);

    [Theory]
    [InlineData("tag:Marseille", "lightroom.jpg")]
    [InlineData("tag:Lisbon", "mediapro.jpg")]
    [InlineData("tag:cats", "digikam.jpg")]
    [InlineData("tag:\"Places|France\"", "digikam.jpg lightroom.jpg")]
    [InlineData("tag:Places", "digikam.jpg lightroom.jpg mediapro.jpg")]
    [InlineData("tag:Places|France|Marseille", "lightroom.jpg")]
    [InlineData("tag:\"places|france|marseille\"", "lightroom.jpg")]
    [InlineData("keyword:\"Events|Holiday 2024\"", "lightroom.jpg")]
    [InlineData("tag:\"Places|France|*\"", "digikam.jpg lightroom.jpg")]
    [InlineData("tag:France", "plain.jpg")]
    [InlineData("tag!=Places", "plain.jpg")]
    public async Task A_path_is_found_by_its_leaf_by_a_start_that_ends_at_a_level_or_whole(string query, string expected) =>
        Assert.Equal(expected.Split(' '), await Matching(query));

    [Theory]
    [InlineData("tag:Mars")]
    [InlineData("tag:Marseil")]
    [InlineData("tag:\"Places|Fr\"")]
    [InlineData("tag:\"France|Marseille\"")]
    [InlineData("tag:Holiday")]
    public async Task Part_of_a_level_or_a_path_that_does_not_start_at_the_top_finds_nothing(string query) =>
        Assert.Empty(await Matching(query));

    [Fact]
    public async Task The_words_of_a_path_are_in_full_text() =>
        Assert.Equal(["mediapro.jpg"], await Matching("portugal"));
}
