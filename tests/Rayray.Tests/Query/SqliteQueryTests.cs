using System.Text.Json;
using Rayray.Core.Query;

namespace Rayray.Tests.Query;

/// <summary>Queries over a scanned library return exactly the documents they should.</summary>
public sealed class SqliteQueryTests(QueryLibrary library) : IClassFixture<QueryLibrary>
{
    private async Task<List<string>> Names(string query, string? sort = null)
    {
        var names = new List<string>();
        var order = sort is null ? [] : new[] { new QuerySort(QueryFields.Find(sort.Split(':')[0])!, sort.EndsWith(":desc", StringComparison.Ordinal)) };
        await foreach (var json in library.Store.QueryAsync(new MediaQuery { Filter = QueryParser.Parse(query), Sort = order }, default))
        {
            using var document = JsonDocument.Parse(json);
            foreach (var location in document.RootElement.GetProperty("locations").EnumerateArray())
                names.Add(Path.GetRelativePath(library.Root, location.GetProperty("path").GetString()!));
        }
        return names;
    }

    /// <summary>The paths of the matching documents are exactly these; --count agrees with the documents returned.</summary>
    private async Task AssertMatches(string query, params string[] expected)
    {
        Assert.Equal(expected.Order(StringComparer.Ordinal), (await Names(query)).Order(StringComparer.Ordinal));
        var documents = 0;
        await foreach (var _ in library.Store.QueryAsync(new MediaQuery { Filter = QueryParser.Parse(query) }, default))
            documents++;
        Assert.Equal(documents, await library.Store.CountAsync(QueryParser.Parse(query), default));
    }

    private async Task<List<string>> Ids(string query, int? limit)
    {
        var ids = new List<string>();
        await foreach (var json in library.Store.QueryAsync(new MediaQuery { Filter = QueryParser.Parse(query), Limit = limit }, default))
        {
            using var document = JsonDocument.Parse(json);
            ids.Add(document.RootElement.GetProperty("_id").GetString()!);
        }
        return ids;
    }

    /// <summary>A page (--limit) is found another way than the whole answer; it must be its start.</summary>
    [Theory]
    [InlineData("has:gps")]
    [InlineData("has:location")]
    [InlineData("\"golden hour\"")]
    [InlineData("copies>1")]
    [InlineData("tag:anime")]
    [InlineData("near:37.7749,-122.4194,5km")]
    [InlineData("kind:image && has:gps")]
    public async Task A_page_is_the_start_of_the_whole_answer(string query)
    {
        var all = await Ids(query, limit: null);

        var page = await Ids(query, limit: 2);

        Assert.NotEmpty(all);
        Assert.Equal(all.Take(2), page);
    }

    [Fact]
    public Task Images_tagged_anime_or_videos_that_are_not() =>
        AssertMatches("(mime:image/* && tag:anime) || (mime:video/* && !tag:anime)", "tags/anime-image.jpg", "tags/plain-video.mp4");

    [Fact]
    public Task Canon_at_high_iso_since_2024() =>
        AssertMatches("camera.make:Canon && iso>=1600 && taken>=2024-01-01", "canon/high-iso-2024.jpg");

    [Fact]
    public Task Images_within_5_km() =>
        AssertMatches("near:37.7749,-122.4194,5km && kind:image", "geo/ferry-building.jpg");

    [Fact]
    public Task A_phrase_with_gps() =>
        AssertMatches("\"golden hour\" && has:gps", "words/golden-hour-gps.jpg");

    [Fact]
    public Task Big_pictures_under_a_path() =>
        AssertMatches($"path:{library.Root.Replace(" ", "\\ ", StringComparison.Ordinal)}/photos/2024/** && width>=3840", "photos/2024/trip/uhd.jpg");

    [Fact]
    public Task Duplicates() => AssertMatches("copies>1", "dupes/twin-a.jpg", "dupes/twin-b.jpg");

    [Fact]
    public async Task A_circle_across_the_antimeridian_finds_its_points()
    {
        await AssertMatches("near:-16.5,-179.99,5km", "geo/across-the-antimeridian.jpg");
    }

    [Fact]
    public async Task Words_match_without_accents_and_by_prefix_and_any_case()
    {
        await AssertMatches("cafe", "words/cafe.jpg");
        await AssertMatches("CAFÉ", "words/cafe.jpg");
        await AssertMatches("gold* && hour && !light", "words/golden-hour-gps.jpg", "words/golden-hour-no-gps.jpg");
        await AssertMatches("camera.make:canon && iso<1000", "canon/low-iso-2024.jpg");
        await AssertMatches("make:NIKON*", "canon/nikon-high-iso-2024.jpg");
    }

    [Fact]
    public async Task Text_terms_joined_by_operators_find_what_each_term_finds_combined()
    {
        async Task<List<string>> Sorted(string query) => [.. (await Names(query)).Order(StringComparer.Ordinal)];
        var golden = await Sorted("golden");
        var hour = await Sorted("hour");
        var light = await Sorted("light");
        var cafe = await Sorted("cafe");

        Assert.Equal(golden.Intersect(hour), await Sorted("golden && hour"));
        Assert.Equal(golden.Union(cafe).Order(StringComparer.Ordinal), await Sorted("golden || cafe"));
        Assert.Equal(golden.Except(light), await Sorted("golden && !light"));
        Assert.Equal(golden.Except(light), await Sorted("!light && golden"));
        Assert.Equal(golden.Except(light).Union(cafe).Order(StringComparer.Ordinal), await Sorted("(golden && !light) || cafe"));
        // A term with no words in it matches nothing, alone or joined.
        Assert.Equal(cafe, await Sorted("\"!!!\" || cafe"));
        Assert.Empty(await Sorted("cafe && \"!!!\""));
        Assert.Equal(cafe, await Sorted("cafe && !\"!!!\""));
    }

    [Fact]
    public async Task Dates_match_to_the_precision_written()
    {
        await AssertMatches("taken:2024-03", "canon/high-iso-2024.jpg", "canon/low-iso-2024.jpg");
        await AssertMatches("taken>2024-03", "canon/nikon-high-iso-2024.jpg");
        await AssertMatches("taken<=2023", "canon/high-iso-2023.jpg");
        await AssertMatches("taken<2023-12-31T23:59:59", []);
    }

    [Fact]
    public async Task Not_equal_also_finds_documents_without_the_field()
    {
        var all = await library.Store.CountAsync(null, default);
        var canon = await library.Store.CountAsync(QueryParser.Parse("make:Canon"), default);

        Assert.Equal(all - canon, await library.Store.CountAsync(QueryParser.Parse("make!=Canon"), default));
        Assert.Equal(all - 2, await library.Store.CountAsync(QueryParser.Parse("tag!=anime"), default)); // one image, one video are tagged
    }

    [Theory]
    [InlineData("make:\"x') OR 1=1 --\"")]
    [InlineData("\"'; DROP TABLE media_files; --\"")]
    [InlineData("tag:\"a\\\" OR \\\"1\\\"=\\\"1\"")]
    [InlineData("path:\"/x' UNION SELECT body FROM media_files --\"")]
    [InlineData("description:\"%\"")]
    [InlineData("NEAR(golden hour)")]
    public async Task A_query_that_would_inject_sql_or_fts_syntax_is_just_a_value(string query)
    {
        var before = await library.Store.CountAsync(null, default);

        Assert.Equal(0, await library.Store.CountAsync(QueryParser.Parse(query), default));
        Assert.Equal(before, await library.Store.CountAsync(null, default));
    }

    [Fact]
    public async Task Sorting_limits_and_skipping_page_through_results()
    {
        var byIso = await Names("has:camera.iso", "iso:desc");
        Assert.Equal(["canon/nikon-high-iso-2024.jpg", "canon/high-iso-2023.jpg", "canon/high-iso-2024.jpg", "canon/low-iso-2024.jpg"], byIso);

        var page = new List<string>();
        await foreach (var json in library.Store.QueryAsync(new MediaQuery { Filter = QueryParser.Parse("kind:image"), Limit = 2, Skip = 1 }, default))
            page.Add(json);
        Assert.Equal(2, page.Count);
    }
}
