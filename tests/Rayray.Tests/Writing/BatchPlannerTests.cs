using Rayray.Core.Documents;
using Rayray.Core.Extraction;
using Rayray.Core.Storage;
using Rayray.Core.Writing;
using Rayray.Core.Writing.Stacking;
using Rayray.Tests.Storage;

namespace Rayray.Tests.Writing;

/// <summary>The rules of a batch, played out without a database: what is written, released, linked and orphaned.</summary>
public sealed class BatchPlannerTests
{
    private static string PathIn(string relative) => Path.Combine("/photos", relative);

    /// <summary>The content as a store would hold it after this document was written alone.</summary>
    internal static StoredContent Stored(MediaDocument document, params string[] morePaths) => new(
        document.File.Hash,
        document.Id,
        document.Kind,
        document.ContentIdentifier,
        document.Locations[0].Path,
        document.Timestamps.Ingested,
        [document.Locations[0], .. morePaths.Select(p => document.Locations[0] with { Path = p })],
        StackFacts.Of(document));

    private static WritePlan Plan(StoredState state, params MediaDocument[] batch) => BatchPlanner.Plan(batch, state, prune: false);

    [Fact]
    public void New_content_is_written_whole_and_reported_new()
    {
        var a = TestDocuments.Create("a", PathIn("a.jpg"));
        var b = TestDocuments.Create("b", PathIn("b.jpg"));

        var plan = Plan(StoredState.Empty, a, b);

        Assert.Equal([a.File.Hash, b.File.Hash], plan.Writes.Select(w => w.Hash));
        Assert.All(plan.Writes, w => Assert.Null(w.Before));
        Assert.Equal(DocumentJson.Serialize(a), DocumentJson.Serialize(plan.Writes[0].Document));
        Assert.Equal([a.Locations[0]], plan.Writes[0].Written);
        Assert.Equal([0], plan.Writes[0].Inputs);
        Assert.Empty(plan.Releases);
        Assert.Empty(plan.Orphans);
        Assert.Empty(plan.PairLinks);
        Assert.All(plan.Outcomes, o => Assert.Equal(new DocumentWriteOutcome(true, null), o));
    }

    [Fact]
    public void Copies_in_one_batch_are_one_document_with_both_locations_named_after_the_first()
    {
        var original = TestDocuments.Create("same bytes", PathIn("a/IMG_1.jpg"));
        var copy = TestDocuments.Create("same bytes", PathIn("b/copy.jpg"));

        var plan = Plan(StoredState.Empty, original, copy);

        var write = Assert.Single(plan.Writes);
        Assert.Equal([original.Locations[0].Path, copy.Locations[0].Path], write.Document.Locations.Select(l => l.Path));
        Assert.Equal(original.File.Path, write.Document.File.Path);
        Assert.Equal("IMG_1.jpg", write.Document.File.Name);
        Assert.Equal([0, 1], write.Inputs);
        Assert.Equal([new DocumentWriteOutcome(true, null), new DocumentWriteOutcome(false, null)], plan.Outcomes);
    }

    [Fact]
    public void Known_content_read_again_keeps_its_id_first_ingestion_and_other_locations()
    {
        var first = TestDocuments.Create("known", PathIn("a.jpg"));
        var stored = Stored(first, PathIn("backup/a.jpg")) with { Id = "0123456789abcdef01234567" };
        var again = first with { Timestamps = first.Timestamps with { Ingested = first.Timestamps.Ingested.AddDays(2) } };

        var plan = Plan(new StoredState([stored]), again);

        var write = Assert.Single(plan.Writes);
        Assert.Same(stored, write.Before);
        Assert.Equal(stored.Id, write.Document.Id);
        Assert.Equal(first.Timestamps.Ingested, write.Document.Timestamps.Ingested);
        Assert.Equal([PathIn("a.jpg"), PathIn("backup/a.jpg")], write.Document.Locations.Select(l => l.Path));
        Assert.Equal([again.Locations[0]], write.Written);
        Assert.Equal(new DocumentWriteOutcome(false, first.File.Hash), plan.Outcomes[0]);
    }

    [Fact]
    public void A_path_whose_bytes_changed_leaves_its_old_content_missing()
    {
        var before = TestDocuments.Create("version 1", PathIn("edited.jpg"));
        var after = TestDocuments.Create("version 2", PathIn("edited.jpg"));

        var plan = Plan(new StoredState([Stored(before)]), after);

        Assert.Equal([after.File.Hash], plan.Writes.Select(w => w.Hash));
        var release = Assert.Single(plan.Releases);
        Assert.Equal(before.File.Hash, release.Hash);
        Assert.Equal([PathIn("edited.jpg")], release.Paths);
        Assert.Equal([0], release.Inputs);
        Assert.Equal((before.File.Hash, OrphanFate.Missing), (plan.Orphans.Single().Hash, plan.Orphans.Single().Fate));
        Assert.Equal(new DocumentWriteOutcome(true, before.File.Hash, PreviousContentLeft: OrphanFate.Missing), plan.Outcomes[0]);
    }

    [Fact]
    public void With_prune_content_left_without_locations_is_deleted()
    {
        var before = TestDocuments.Create("version 1", PathIn("edited.jpg"));
        var after = TestDocuments.Create("version 2", PathIn("edited.jpg"));

        var plan = BatchPlanner.Plan([after], new StoredState([Stored(before)]), prune: true);

        Assert.Equal(OrphanFate.Deleted, plan.Orphans.Single().Fate);
        Assert.Equal(OrphanFate.Deleted, plan.Outcomes[0].PreviousContentLeft);
    }

    [Fact]
    public void The_placeholder_of_an_unreadable_file_is_deleted_once_the_file_is_read()
    {
        var path = PathIn("locked.jpg");
        var placeholder = TestDocuments.Create("unused", path, d => d with { File = d.File with { Hash = UnreadableHash.ForPath(path) } });

        var plan = Plan(new StoredState([Stored(placeholder)]), TestDocuments.Create("readable now", path));

        Assert.Equal((placeholder.File.Hash, OrphanFate.Deleted), (plan.Orphans.Single().Hash, plan.Orphans.Single().Fate));
    }

    [Fact]
    public void Content_that_keeps_another_location_only_loses_the_changed_path()
    {
        var before = TestDocuments.Create("version 1", PathIn("edited.jpg"));
        var after = TestDocuments.Create("version 2", PathIn("edited.jpg"));

        var plan = Plan(new StoredState([Stored(before, PathIn("backup/edited.jpg"))]), after);

        Assert.Equal([PathIn("edited.jpg")], plan.Releases.Single().Paths);
        Assert.Empty(plan.Orphans);
        Assert.Equal(OrphanFate.None, plan.Outcomes[0].PreviousContentLeft);
    }

    [Fact]
    public void A_copy_is_named_after_the_first_path_only_while_that_path_still_holds_the_content()
    {
        var original = TestDocuments.Create("shared", PathIn("a/first.jpg"));
        var copy = TestDocuments.Create("shared", PathIn("b/second.jpg"));
        var replacement = TestDocuments.Create("other bytes", PathIn("a/first.jpg"));

        var kept = Plan(new StoredState([Stored(original)]), copy);
        var renamed = Plan(new StoredState([Stored(original)]), replacement, copy);

        Assert.Equal("first.jpg", kept.Writes.Single().Document.File.Name);
        var write = renamed.Writes.Single(w => w.Hash == original.File.Hash);
        Assert.Equal(PathIn("b/second.jpg"), write.Document.File.Path);
        Assert.Equal([PathIn("b/second.jpg")], write.Document.Locations.Select(l => l.Path));
        Assert.Empty(renamed.Releases); // the content is written whole, without the path it lost
        Assert.Empty(renamed.Orphans);
        Assert.Equal(new DocumentWriteOutcome(false, null), renamed.Outcomes[1]);
    }

    [Fact]
    public void The_halves_of_a_live_photo_are_linked_both_ways_but_two_stills_are_not()
    {
        var still = TestDocuments.Create("still", PathIn("IMG_1.HEIC"), d => d with { ContentIdentifier = "ABC" });
        var otherStill = TestDocuments.Create("edited still", PathIn("IMG_1 (edited).HEIC"), d => d with { ContentIdentifier = "ABC" });
        var movie = TestDocuments.Create("movie", PathIn("IMG_1.MOV"), d => d with { Kind = MediaKind.Video, ContentIdentifier = "ABC" });
        var unrelated = TestDocuments.Create("unrelated", PathIn("IMG_2.MOV"), d => d with { Kind = MediaKind.Video, ContentIdentifier = "XYZ" });

        var plan = Plan(new StoredState([Stored(still), Stored(unrelated)]), movie, otherStill);

        Assert.Equal(new[] { still.Id, otherStill.Id }.Order(StringComparer.Ordinal), plan.Writes.Single(w => w.Hash == movie.File.Hash).Document.PairedWith);
        Assert.Equal([movie.Id], plan.Writes.Single(w => w.Hash == otherStill.File.Hash).Document.PairedWith);
        var link = Assert.Single(plan.PairLinks);
        Assert.Equal(still.File.Hash, link.Hash);
        Assert.Equal([movie.Id], link.PartnerIds);
        Assert.Equal([0], link.Inputs);
    }

    [Fact]
    public void Each_document_sees_the_batch_as_played_out_before_it()
    {
        var path = PathIn("busy.jpg");
        var first = TestDocuments.Create("first bytes", path);
        var second = TestDocuments.Create("second bytes", path);

        var plan = Plan(StoredState.Empty, first, second);

        Assert.Equal(new DocumentWriteOutcome(true, first.File.Hash, PreviousContentLeft: OrphanFate.Missing), plan.Outcomes[1]);
        Assert.Empty(plan.Writes.Single(w => w.Hash == first.File.Hash).Document.Locations);
        Assert.Equal(first.File.Hash, plan.Orphans.Single().Hash);
    }

    [Fact]
    public void Removing_paths_releases_them_and_orphans_only_content_left_without_any()
    {
        var twice = TestDocuments.Create("two places", PathIn("a.jpg"));
        var once = TestDocuments.Create("one place", PathIn("b.jpg"));
        var state = new StoredState([Stored(twice, PathIn("copy/a.jpg")), Stored(once)]);

        var plan = RemovalPlanner.Plan([PathIn("a.jpg"), PathIn("b.jpg"), PathIn("never-known.jpg")], state, prune: false);

        Assert.Equal([twice.File.Hash, once.File.Hash], plan.Releases.Select(r => r.Hash));
        Assert.Equal((once.File.Hash, OrphanFate.Missing), (plan.Orphans.Single().Hash, plan.Orphans.Single().Fate));
        Assert.Equal(new Dictionary<string, int> { [twice.Id] = 1, [once.Id] = 1 }, plan.RemovedByDocument);
        Assert.Equal((1, 0), (plan.Result.DocumentsNowMissing, plan.Result.DocumentsPruned));
    }

    [Fact]
    public void A_raw_in_a_later_batch_stacks_itself_and_changes_the_stored_jpeg_stack()
    {
        var jpeg = TestDocuments.Create("jpeg", PathIn("IMG_1.JPG"));
        var raw = TestDocuments.Create("raw", PathIn("IMG_1.CR3"));

        var plan = Plan(new StoredState([Stored(jpeg)]), raw);

        var written = plan.Writes.Single().Document.Stack;
        Assert.Equal(StackRole.Raw, written?.Role);
        var change = plan.StackChanges.Single();
        Assert.Equal((jpeg.File.Hash, new StackMembership(written!.Id, StackRole.Primary)), (change.Hash, change.Stack));
        Assert.Equal([0], change.Inputs);
    }

    [Fact]
    public void Pruning_a_member_unstacks_the_other_and_losing_the_primary_path_renames_the_content()
    {
        var jpeg = TestDocuments.Create("jpeg", PathIn("IMG_1.JPG"));
        var raw = TestDocuments.Create("raw", PathIn("IMG_1.CR3"));
        var stack = BatchPlanner.Plan([jpeg, raw], StoredState.Empty, prune: false).Writes.Select(w => w.Document).ToList();
        var copied = TestDocuments.Create("copied", PathIn("old.jpg"));
        var state = new StoredState([.. stack.Select(d => Stored(d)), Stored(copied, PathIn("new/b.jpg"), PathIn("new/a.jpg"))]);

        var plan = RemovalPlanner.Plan([PathIn("IMG_1.JPG"), PathIn("old.jpg")], state, prune: true);

        var change = plan.StackChanges.Single();
        Assert.Equal((raw.File.Hash, (StackMembership?)null), (change.Hash, change.Stack));
        Assert.Equal(new PrimaryPathChange(PathIn("new/a.jpg"), StackFacts.Of(copied with { File = copied.File with { Path = PathIn("new/a.jpg") } })!.Key),
            plan.Releases.Single(r => r.Hash == copied.File.Hash).Renamed);
    }
}
