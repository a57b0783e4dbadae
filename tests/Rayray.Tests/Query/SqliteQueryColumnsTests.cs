using System.Text.Json;
using Rayray.Core.Documents;
using Rayray.Core.Query;
using Rayray.Storage.Sqlite;
using Rayray.Testing;
using Rayray.Tests.Storage;

namespace Rayray.Tests.Query;

/// <summary>
/// The columns queries read instead of counting locations or opening the JSON (copies, the
/// position) follow every write, and a page is the start of the whole ordered result whichever
/// way it is found.
/// </summary>
public sealed class SqliteQueryColumnsTests : IAsyncLifetime
{
    private readonly TempFolder _folder = new("rayray-query-columns");
    private SqliteMediaStore _store = null!;

    public async Task InitializeAsync() => _store = await TestScan.OpenSqliteAsync(_folder["rayray.db"]);

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _folder.Dispose();
    }

    private string PathOf(string name) => _folder["photos/" + name];

    private Task<long> Count(string query) => _store.CountAsync(QueryParser.Parse(query), default);

    [Fact]
    public async Task Copies_follow_the_paths_a_content_gains_and_loses()
    {
        await _store.WriteBatchAsync([TestDocuments.Create("a", PathOf("a1.jpg")), TestDocuments.Create("a", PathOf("a2.jpg")), TestDocuments.Create("b", PathOf("b.jpg"))], false, default);

        Assert.Equal(1, await Count("copies>1"));
        Assert.Equal(1, await Count("copies:2"));
        Assert.Equal(1, await Count("copies>=2"));
        Assert.Equal(1, await Count("copies<2"));
        Assert.Equal(0, await Count("copies>2"));

        await _store.RemoveLocationsAsync([PathOf("a2.jpg")], false, default);
        Assert.Equal(0, await Count("copies>1"));
        Assert.Equal(2, await Count("copies:1"));

        // Other bytes at a1.jpg: the first content loses its last path and is kept as missing.
        await _store.WriteBatchAsync([TestDocuments.Create("c", PathOf("a1.jpg"))], false, default);
        Assert.Equal(1, await Count("copies:0"));
        Assert.Equal(2, await Count("has:copies"));
        Assert.Equal(1, await Count("copies:0 && status:missing"));
    }

    [Fact]
    public async Task Sorting_by_copies_puts_duplicates_first_when_descending()
    {
        await _store.WriteBatchAsync([TestDocuments.Create("single", PathOf("a.jpg")), TestDocuments.Create("twice", PathOf("b.jpg")), TestDocuments.Create("twice", PathOf("c.jpg"))], false, default);

        var first = await FirstPaths(new MediaQuery { Sort = [new QuerySort(QueryFields.Copies, Descending: true)] });

        Assert.Equal([PathOf("b.jpg"), PathOf("c.jpg")], first[0]);
    }

    [Fact]
    public async Task The_position_follows_the_document_when_it_is_written_again()
    {
        var here = TestDocuments.Create("moved", PathOf("x.jpg"));
        await _store.WriteBatchAsync([here], false, default);
        Assert.Equal(1, await Count("has:gps"));
        Assert.Equal(1, await Count("near:37.7749,-122.4194,1km"));

        await _store.WriteBatchAsync([here with { Location = GeoPoint.TryCreate(48.8566, 2.3522) }], false, default);
        Assert.Equal(0, await Count("near:37.7749,-122.4194,1km"));
        Assert.Equal(1, await Count("near:48.8566,2.3522,1km"));

        await _store.WriteBatchAsync([here with { Location = null }], false, default);
        Assert.Equal(0, await Count("has:gps"));
        Assert.Equal(0, await Count("near:48.8566,2.3522,1km"));
    }

    [Fact]
    public async Task Near_measures_from_the_stored_position_to_the_centimetre()
    {
        await _store.WriteBatchAsync([TestDocuments.Create("point", PathOf("p.jpg"))], false, default);
        var (latitude, longitude) = (37.78, -122.41);
        var distance = GeoMath.Distance(latitude, longitude, 37.7749, -122.4194);

        Assert.Equal(1, await _store.CountAsync(new NearNode(latitude, longitude, distance + 0.01), default));
        Assert.Equal(0, await _store.CountAsync(new NearNode(latitude, longitude, distance - 0.01), default));
        // Circles smaller than the tree's rounding.
        Assert.Equal(1, await _store.CountAsync(new NearNode(37.7749, -122.4194, 0.5), default));
        Assert.Equal(0, await _store.CountAsync(new NearNode(37.77493, -122.4194, 2), default));
        Assert.Equal(1, await _store.CountAsync(new NearNode(37.77493, -122.4194, 4), default));
    }

    [Fact]
    public async Task A_page_is_the_start_of_the_whole_ordered_result_for_broad_and_narrow_filters()
    {
        // More documents than the rows tried in path order for a small page, their paths in another order than their rows.
        const int count = 6_000;
        for (var start = 0; start < count; start += 500)
        {
            var batch = Enumerable.Range(start, 500).Select(i => TestDocuments.Create($"doc {i}", PathOf($"{i % 7}/{count - i:D5}.jpg"), d => d with
            {
                Tags = [.. i % 3 == 0 ? ["common"] : Array.Empty<string>(), .. i % 500 == 0 ? ["rare"] : Array.Empty<string>()],
                Rating = i % 5,
            })).ToList();
            await _store.WriteBatchAsync(batch, false, default);
        }

        foreach (var filter in new[] { "tag:common", "tag:rare", "rating>=1", "" })
        {
            var query = new MediaQuery { Filter = filter.Length == 0 ? null : QueryParser.Parse(filter) };
            var all = await FirstPaths(query);
            foreach (var (skip, limit) in new[] { (0, 20), (10, 20), (0, 100), (5_990, 20) })
            {
                var page = await FirstPaths(query with { Skip = skip, Limit = limit });
                Assert.Equal(all.Skip(skip).Take(limit).Select(p => p[0]), page.Select(p => p[0]));
            }
        }
        Assert.Equal(12, (await FirstPaths(new MediaQuery { Filter = QueryParser.Parse("tag:rare"), Limit = 20 })).Count);
    }

    [Fact]
    public async Task A_document_with_a_tag_twice_or_two_paths_under_a_folder_is_counted_once()
    {
        await _store.WriteBatchAsync(
        [
            TestDocuments.Create("twice", PathOf("trip/a.jpg"), d => d with { Tags = ["beach", "Beach"] }),
            TestDocuments.Create("twice", PathOf("trip/b.jpg"), d => d with { Tags = ["beach", "Beach"] }),
        ], false, default);

        Assert.Equal(1, await Count("tag:beach"));
        Assert.Equal(1, await Count($"path:{PathOf("trip")}/**"));
        Assert.Single(await FirstPaths(new MediaQuery { Filter = QueryParser.Parse("tag:beach"), Limit = 10 }));
    }

    [Theory]
    [InlineData("sunset", true)]
    [InlineData("harbor && (night || dawn) && !fog", true)]
    [InlineData("night || !dawn", false)]
    [InlineData("tag:beach", true)]
    [InlineData("path:/photos/2024/**", true)]
    [InlineData("near:48.8566,2.3522,20km", true)]
    [InlineData("has:gps", true)]
    [InlineData("near:48.8566,2.3522,20km && kind:image", false)]
    [InlineData("tag:beach || tag:sea", false)]
    [InlineData("!sunset", false)]
    [InlineData("kind:image", false)]
    public void A_count_of_words_a_tag_paths_or_a_circle_is_taken_from_their_table_alone(string query, bool alone) =>
        Assert.Equal(alone, SqliteQueryTranslator.Translate(QueryParser.Parse(query)).Rows is not null);

    /// <summary>The location paths of each document returned, in order.</summary>
    private async Task<List<List<string>>> FirstPaths(MediaQuery query)
    {
        var documents = new List<List<string>>();
        await foreach (var json in _store.QueryAsync(query, default))
        {
            using var document = JsonDocument.Parse(json);
            documents.Add([.. document.RootElement.GetProperty("locations").EnumerateArray().Select(l => l.GetProperty("path").GetString()!)]);
        }
        return documents;
    }
}
