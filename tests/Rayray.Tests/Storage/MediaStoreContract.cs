using Rayray.Core.Documents;
using Rayray.Core.Extraction;
using Rayray.Core.Query;
using Rayray.Core.Storage;
using Rayray.Testing;

namespace Rayray.Tests.Storage;

/// <summary>
/// What every <see cref="IMediaStore"/> promises. Each store's test class derives from this one
/// and says how to open a fresh store; the same tests then run against it.
/// </summary>
public abstract class MediaStoreContract : IAsyncLifetime
{
    protected TempFolder Folder { get; } = new("rayray-store");
    protected IMediaStore Store { get; set; } = null!;

    /// <summary>Opens a store over the same underlying database each time it is called (for reopen tests).</summary>
    protected abstract Task<IMediaStore> OpenAsync();

    public async Task InitializeAsync() => Store = await OpenAsync();

    public virtual async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        Folder.Dispose();
    }

    private string PathIn(string relative) => Path.Combine(Folder.Path, "photos", relative);

    [StoreFact]
    public async Task A_new_document_can_be_found_by_id_hash_and_path()
    {
        var document = TestDocuments.Create("one", PathIn("2024/IMG_0042.jpg"));
        var result = await Store.WriteBatchAsync([document], false, default);

        var outcome = Assert.Single(result.Outcomes);
        Assert.True(outcome.NewContent);
        Assert.Null(outcome.PreviousHashAtPath);
        Assert.Null(outcome.Error);
        foreach (var key in new[] { document.Id, document.File.Hash, document.Locations[0].Path })
            Assert.Equal(document.Id, (await Store.FindAsync(key, default))?.Id);
        Assert.Null(await Store.FindAsync(PathIn("elsewhere.jpg"), default));
        Assert.Equal(1, await Store.CountAsync(default));
    }

    [StoreFact]
    public async Task Every_field_survives_a_round_trip()
    {
        var document = TestDocuments.Create("round trip", PathIn("a.jpg"));
        await Store.WriteBatchAsync([document], false, default);

        var stored = await Store.FindAsync(document.Id, default);

        Assert.NotNull(stored);
        Assert.Equal(DocumentJson.Serialize(document), DocumentJson.Serialize(stored));
    }

    [StoreFact]
    public async Task Writing_is_idempotent()
    {
        var document = TestDocuments.Create("same", PathIn("a.jpg"));
        await Store.WriteBatchAsync([document], false, default);
        var again = await Store.WriteBatchAsync([document], false, default);

        Assert.False(again.Outcomes[0].NewContent);
        Assert.Equal(document.File.Hash, again.Outcomes[0].PreviousHashAtPath);
        Assert.Equal(1, await Store.CountAsync(default));
        Assert.Single((await Store.FindAsync(document.Id, default))!.Locations);
    }

    [StoreFact]
    public async Task A_copy_of_the_same_bytes_adds_a_location_to_the_same_document()
    {
        var original = TestDocuments.Create("shared bytes", PathIn("a/IMG_1.jpg"));
        var copy = TestDocuments.Create("shared bytes", PathIn("b/copy of IMG_1.jpg"));

        var result = await Store.WriteBatchAsync([original, copy], false, default);

        Assert.True(result.Outcomes[0].NewContent);
        Assert.False(result.Outcomes[1].NewContent);
        var stored = await Store.FindAsync(copy.Locations[0].Path, default);
        Assert.Equal(original.Id, stored?.Id);
        Assert.Equal([original.Locations[0].Path, copy.Locations[0].Path], stored!.Locations.Select(l => l.Path).Order(StringComparer.Ordinal));
        Assert.Equal(original.Locations[0].Path, stored.File.Path);
        Assert.Equal(1, await Store.CountAsync(default));
    }

    [StoreFact]
    public async Task A_path_whose_bytes_changed_moves_to_the_new_content_and_the_old_content_becomes_missing()
    {
        var path = PathIn("edited.jpg");
        var before = TestDocuments.Create("version 1", path);
        var after = TestDocuments.Create("version 2", path);
        await Store.WriteBatchAsync([before], false, default);

        var result = await Store.WriteBatchAsync([after], false, default);

        Assert.True(result.Outcomes[0].NewContent);
        Assert.Equal(before.File.Hash, result.Outcomes[0].PreviousHashAtPath);
        Assert.Equal(after.Id, (await Store.FindAsync(path, default))?.Id);
        var old = await Store.FindAsync(before.Id, default);
        Assert.NotNull(old);
        Assert.Equal(DocumentStatus.Missing, old.Status);
        Assert.Empty(old.Locations);
    }

    [StoreFact]
    public async Task A_placeholder_for_an_unreadable_file_disappears_once_the_file_is_read()
    {
        var path = PathIn("locked.jpg");
        var placeholderHash = UnreadableHash.ForPath(path);
        var unreadable = TestDocuments.Create("unused", path, d => d with
        {
            Id = placeholderHash.Substring(UnreadableHash.Prefix.Length, 24),
            File = d.File with { Hash = placeholderHash },
            Status = DocumentStatus.Invalid,
            Errors = ["permission denied"],
        });
        await Store.WriteBatchAsync([unreadable], false, default);

        await Store.WriteBatchAsync([TestDocuments.Create("readable now", path)], false, default);

        Assert.Null(await Store.FindAsync(placeholderHash, default));
        Assert.Equal(1, await Store.CountAsync(default));
    }

    [StoreFact]
    public async Task Known_locations_are_reported_per_folder_with_their_file_system_facts()
    {
        var inFolder = TestDocuments.Create("x", PathIn("2024/x.jpg"));
        var inSubfolder = TestDocuments.Create("y", PathIn("2024/deeper/y.jpg"));
        await Store.WriteBatchAsync([inFolder, inSubfolder], false, default);

        var known = await Store.GetKnownLocationsAsync(PathIn("2024"), default);

        var location = Assert.Single(known.Values);
        var expected = inFolder.Locations[0];
        Assert.Equal(new KnownLocation(expected.Path, inFolder.File.Hash, expected.Size, expected.Modified, expected.Changed, expected.Inode, expected.Device, DocumentStatus.Indexed,
            expected.Sidecar, expected.TakeoutSidecar, PicasaIni: expected.PicasaIni), location);
        Assert.Empty(await Store.GetKnownLocationsAsync(PathIn("nowhere"), default));
    }

    [StoreFact]
    public async Task A_web_location_keeps_its_etag_and_last_modified_and_is_known_under_its_url_folder()
    {
        const string url = "https://photos.example.com/albums/2024/IMG_7.jpg?size=original";
        var modified = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        var document = TestDocuments.Create("on the web", url, d => d with
        {
            Locations = [new FileLocation { Path = url, Size = d.File.Size, Modified = modified, Seen = TestDocuments.Now, ETag = "W/\"5f-1a\"", LastModified = modified }],
        });
        await Store.WriteBatchAsync([document], false, default);

        var known = await Store.GetKnownLocationsAsync("https://photos.example.com/albums/2024", default);

        Assert.Equal(KnownLocation.Of(document.Locations[0], document.File.Hash, DocumentStatus.Indexed), Assert.Single(known.Values));
        Assert.Equal(("W/\"5f-1a\"", modified), (known[url].ETag, known[url].LastModified));
        Assert.Equal(DocumentJson.Serialize(document), DocumentJson.Serialize((await Store.FindAsync(url, default))!));
        Assert.Empty(await Store.GetKnownLocationsAsync("https://photos.example.com/albums", default));
    }

    [StoreFact]
    public async Task One_document_that_cannot_be_written_does_not_lose_the_rest_of_the_batch()
    {
        var good1 = TestDocuments.Create("good 1", PathIn("1.jpg"));
        var good2 = TestDocuments.Create("good 2", PathIn("2.jpg"));
        // Same _id as good1 but other content: the unique id index must refuse it.
        var clash = TestDocuments.Create("clash", PathIn("3.jpg"), d => d with { Id = good1.Id });

        var result = await Store.WriteBatchAsync([good1, clash, good2], false, default);

        Assert.Null(result.Outcomes[0].Error);
        Assert.NotNull(result.Outcomes[1].Error);
        Assert.Null(result.Outcomes[2].Error);
        Assert.Equal(1, result.Failed);
        Assert.Equal(2, await Store.CountAsync(default));
        Assert.NotNull(await Store.FindAsync(good2.Id, default));
    }

    [StoreFact]
    public async Task Initializing_again_keeps_every_document()
    {
        await Store.WriteBatchAsync([TestDocuments.Create("kept", PathIn("kept.jpg"))], false, default);
        await Store.InitializeAsync(default);
        await Store.DisposeAsync();

        Store = await OpenAsync();

        Assert.Equal(1, await Store.CountAsync(default));
    }

    [StoreFact]
    public async Task Live_photo_halves_are_linked_both_ways_and_stay_two_documents()
    {
        var still = TestDocuments.Create("still", PathIn("IMG_1.HEIC"), d => d with { ContentIdentifier = "ABC" });
        var unrelated = TestDocuments.Create("unrelated", PathIn("IMG_2.HEIC"), d => d with { ContentIdentifier = "XYZ" });
        await Store.WriteBatchAsync([still, unrelated], false, default);
        var movie = TestDocuments.Create("movie", PathIn("IMG_1.MOV"), d => d with { Kind = MediaKind.Video, ContentIdentifier = "ABC" });

        await Store.WriteBatchAsync([movie], false, default);

        Assert.Equal([movie.Id], (await Store.FindAsync(still.Id, default))!.PairedWith);
        Assert.Equal([still.Id], (await Store.FindAsync(movie.Id, default))!.PairedWith);
        Assert.Empty((await Store.FindAsync(unrelated.Id, default))!.PairedWith);
        Assert.Equal(3, await Store.CountAsync(default));
        var copyOfStill = TestDocuments.Create("edited still", PathIn("IMG_1 (edited).HEIC"), d => d with { ContentIdentifier = "ABC" });
        await Store.WriteBatchAsync([copyOfStill], false, default);
        Assert.Equal([movie.Id], (await Store.FindAsync(copyOfStill.Id, default))!.PairedWith); // two stills are not a pair
        Assert.Equal(new[] { still.Id, copyOfStill.Id }.Order(StringComparer.Ordinal), (await Store.FindAsync(movie.Id, default))!.PairedWith);

        await Store.WriteBatchAsync([still], false, default); // re-reading one half keeps the link
        Assert.Equal([movie.Id], (await Store.FindAsync(still.Id, default))!.PairedWith);
    }

    [StoreFact]
    public async Task A_raw_written_after_its_jpeg_stacks_both_and_pruning_one_unstacks_the_other()
    {
        var jpeg = TestDocuments.Create("jpeg of the shot", PathIn("IMG_7.JPG"));
        await Store.WriteBatchAsync([jpeg, TestDocuments.Create("other shot", PathIn("IMG_8.JPG"))], false, default);
        Assert.Null((await Store.FindAsync(jpeg.Id, default))!.Stack);

        var raw = TestDocuments.Create("raw of the shot", PathIn("IMG_7.CR3"));
        await Store.WriteBatchAsync([raw], false, default);

        var stack = (await Store.FindAsync(jpeg.Id, default))!.Stack;
        Assert.Equal(StackRole.Primary, stack?.Role);
        Assert.Equal(new StackMembership(stack!.Id, StackRole.Raw), (await Store.FindAsync(raw.Id, default))!.Stack);
        await AssertCountsAsync(($"stack:{stack.Id}", 2), ("has:stack", 2), ("stack.role:raw", 1), ("!has:stack", 1));
        var stats = await Store.GetStatsAsync(null, default);
        Assert.Equal((1L, 2L), (stats.Stacks, stats.StackedFiles));

        await Store.RemoveLocationsAsync([PathIn("IMG_7.JPG")], true, default);

        Assert.Null((await Store.FindAsync(raw.Id, default))!.Stack);
        await AssertCountsAsync(("has:stack", 0));
    }

    [StoreFact]
    public async Task A_content_that_loses_the_path_it_is_named_after_is_named_after_its_next_path()
    {
        var original = TestDocuments.Create("renamed away", PathIn("IMG_9-edited.jpg"));
        var shot = TestDocuments.Create("the shot", PathIn("IMG_9.jpg"));
        await Store.WriteBatchAsync([original, shot, TestDocuments.Create("renamed away", PathIn("z/beach.jpg"))], false, default);
        Assert.Equal(StackRole.Edit, (await Store.FindAsync(original.Id, default))!.Stack?.Role);

        await Store.RemoveLocationsAsync([PathIn("IMG_9-edited.jpg")], false, default);

        var renamed = (await Store.FindAsync(original.Id, default))!;
        Assert.Equal((PathIn("z/beach.jpg"), "beach.jpg"), (renamed.File.Path, renamed.File.Name));
        Assert.Null(renamed.Stack);
        Assert.Null((await Store.FindAsync(shot.Id, default))!.Stack);
        await AssertCountsAsync(("name:beach.jpg", 1), ("name:IMG_9-edited.jpg", 0));
    }

    private async Task WritePeopleAndTagPathsAsync() => await Store.WriteBatchAsync(
    [
        TestDocuments.Create("two people", PathIn("a.jpg"), d => d with { People = ["Jane Doe", "Ana Lima"], Tags = ["Marseille", "Places|France|Marseille"] }),
        TestDocuments.Create("one person", PathIn("b.jpg"), d => d with { People = ["jane doe"], Tags = ["Places|France|Paris", "Animals|Cats"] }),
        TestDocuments.Create("nobody", PathIn("c.jpg"), d => d with { People = [], Tags = ["France", "Marseilles port"] }),
    ], false, default);

    /// <summary>Each query counts what it should; all are checked, and the ones that do not are named together.</summary>
    private async Task AssertCountsAsync(params (string Query, long Expected)[] cases)
    {
        var wrong = new List<string>();
        foreach (var (query, expected) in cases)
        {
            var counted = await Store.CountAsync(QueryParser.Parse(query), default);
            if (counted != expected)
                wrong.Add($"{query}: {counted}, not {expected}");
        }
        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
    }

    [StoreFact]
    public async Task People_are_found_by_name_ignoring_case_and_by_glob()
    {
        await WritePeopleAndTagPathsAsync();

        await AssertCountsAsync(
            ("person:\"Jane Doe\"", 2), ("person:jane*", 2), ("person:\"ANA LIMA\"", 1), ("person:Jane", 0),
            ("person!=\"Ana Lima\"", 2), ("has:people", 2), ("!has:people", 1));
    }

    [StoreFact]
    public async Task Tag_paths_are_found_by_their_leaf_by_a_start_that_ends_at_a_level_or_whole()
    {
        await WritePeopleAndTagPathsAsync();

        await AssertCountsAsync(
            ("tag:Marseille", 1), ("tag:cats", 1), ("tag:\"Places|France\"", 2), ("tag:Places", 2), ("tag:Places|France|Marseille", 1),
            ("tag:\"places|france|*\"", 2), ("tag:France", 1), ("tag!=Places", 1), ("has:tags", 3),
            ("tag:Mars", 0), ("tag:\"Places|Fr\"", 0), ("tag:\"France|Marseille\"", 0));
    }

    [StoreFact]
    public async Task Stats_by_person_count_a_document_once_for_each_person_it_shows()
    {
        await WritePeopleAndTagPathsAsync();

        var stats = await Store.GetStatsAsync(StatsGrouping.Person, default);

        Assert.Equal([("", 1L), ("Ana Lima", 1L), ("Jane Doe", 1L), ("jane doe", 1L)], stats.Groups.Select(g => (g.Key, g.Documents)));
    }

    [StoreFact]
    public async Task A_re_read_keeps_the_first_ingestion_time()
    {
        var first = TestDocuments.Create("ingested once", PathIn("i.jpg"));
        await Store.WriteBatchAsync([first], false, default);
        var later = first with { Timestamps = first.Timestamps with { Ingested = first.Timestamps.Ingested.AddDays(3) } };

        await Store.WriteBatchAsync([later], false, default);

        Assert.Equal(first.Timestamps.Ingested, (await Store.FindAsync(first.Id, default))!.Timestamps.Ingested);
    }

    // Hashes 0, 3 and 11 bits from the original's, and one far from all: similar:ID finds what is within the distance.
    private const ulong Original = 0xd0d8d8d85cec60e1;
    private const ulong ThreeBitsOff = Original ^ 0x8000_0000_0001_0001;
    private const ulong ElevenBitsOff = Original ^ 0x0000_0000_0000_07ff;
    private const ulong Unrelated = 0xaf2faefffedc9ddf;

    private MediaDocument Image(string content, string path, ulong? hash) => TestDocuments.Create(content, PathIn(path), d => d with
    {
        Kind = MediaKind.Image,
        PerceptualHash = hash is { } h ? PerceptualHash.Format(h) : null,
        PerceptualHashSource = hash is null ? null : PerceptualHashSource.Image,
    });

    private async Task<MediaDocument[]> WriteLookAlikesAsync()
    {
        MediaDocument[] documents =
        [
            Image("original", "original.jpg", Original),
            Image("half size", "half.jpg", ThreeBitsOff),
            Image("edited", "edited.jpg", ElevenBitsOff),
            Image("unrelated", "other.jpg", Unrelated),
            Image("no hash", "clip.jpg", null),
        ];
        await Store.WriteBatchAsync(documents, false, default);
        return documents;
    }

    private async Task<List<string>> PathsAsync(string query)
    {
        var paths = new List<string>();
        await foreach (var json in Store.QueryAsync(new MediaQuery { Filter = QueryParser.Parse(query) }, default))
            paths.Add(Path.GetFileName(System.Text.Json.Nodes.JsonNode.Parse(json)!["file"]!["path"]!.GetValue<string>()));
        return [.. paths.Order(StringComparer.Ordinal)];
    }

    [StoreFact]
    public async Task Similar_finds_the_images_within_the_default_distance_but_not_the_image_itself()
    {
        var documents = await WriteLookAlikesAsync();

        Assert.Equal(["half.jpg"], await PathsAsync($"similar:{documents[0].Id}"));
        Assert.Equal(1, await Store.CountAsync(QueryParser.Parse($"similar:{documents[0].Id}"), default));
    }

    [StoreFact]
    public async Task Similar_takes_a_distance_a_path_or_a_perceptual_hash()
    {
        var documents = await WriteLookAlikesAsync();

        Assert.Equal(["edited.jpg", "half.jpg"], await PathsAsync($"similar:{documents[0].Id},11"));
        Assert.Equal(["half.jpg"], await PathsAsync($"similar:{documents[0].Locations[0].Path}"));
        Assert.Equal(["half.jpg", "original.jpg"], await PathsAsync($"similar:{PerceptualHash.Format(Original)},3"));
        Assert.Equal(["edited.jpg"], await PathsAsync($"similar:{documents[0].Id},11 && !similar:{documents[0].Id},10"));
    }

    [StoreFact]
    public async Task Similar_to_a_document_without_a_perceptual_hash_is_an_error()
    {
        var documents = await WriteLookAlikesAsync();

        var missing = await Assert.ThrowsAsync<QuerySyntaxException>(() => PathsAsync($"kind:image && similar:{documents[4].Id}"));
        Assert.Contains("has no perceptual hash", missing.Message);
        Assert.Equal(23, missing.Column); // where the target starts
        var unknown = await Assert.ThrowsAsync<QuerySyntaxException>(() => Store.CountAsync(QueryParser.Parse("similar:/nowhere.jpg"), default));
        Assert.Contains("no document", unknown.Message);
    }

    [StoreFact]
    public async Task Stats_count_near_duplicate_groups_apart_from_exact_copies()
    {
        await WriteLookAlikesAsync();
        await Store.WriteBatchAsync([Image("original", "copy of original.jpg", Original)], false, default);

        var stats = await Store.GetStatsAsync(null, default);

        Assert.Equal(1, stats.DuplicateGroups);
        Assert.Equal(1, stats.NearDuplicateGroups);
        Assert.Equal(2, stats.NearDuplicateImages);
    }
}
