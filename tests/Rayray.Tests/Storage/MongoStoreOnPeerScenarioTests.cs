using System.Text.Json.Nodes;
using System.Threading.Channels;
using Rayray.Core.Documents;
using Rayray.Core.Writing;
using Rayray.Storage.Mongo;
using Rayray.Testing;
using Serilog;

namespace Rayray.Tests.Storage;

/// <summary>What the MongoDB store sends, and how it recovers, checked on the wire against the test peer.</summary>
public sealed class MongoStoreOnPeerScenarioTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-mongo");

    public void Dispose() => _folder.Dispose();

    private List<MediaDocument> Documents(int count) =>
        [.. Enumerable.Range(0, count).Select(i => TestDocuments.Create($"content {i}", Path.Combine(_folder.Path, "photos", $"{i / 40:00}", $"IMG_{i:0000}.jpg")))];

    private static async Task<MongoMediaStore> OpenAsync(MongoPeer peer)
    {
        var store = MongoMediaStore.Open(peer.Uri());
        await store.InitializeAsync(default);
        return store;
    }

    [MongoPeerFact]
    public async Task Start_up_creates_every_index_of_the_design_with_the_text_and_geo_options_and_again_without_harm()
    {
        await using var peer = await MongoPeer.StartAsync();
        await using (var store = await OpenAsync(peer))
            await store.InitializeAsync(default);

        var creates = (await peer.CommandDocumentsAsync("createIndexes")).Where(c => (string?)c["createIndexes"] == "media_files").ToList();
        Assert.Equal(2, creates.Count);
        var indexes = creates[0]["indexes"]!.AsArray().Select(i => i!.AsObject()).ToDictionary(i => (string)i["name"]!);
        Assert.True((bool?)indexes["file_hash"]["unique"]);
        Assert.Equal("1", (string?)indexes["file_hash"]["key"]!["file.hash"]!["$numberInt"]); // canonical extended JSON of int32 1
        Assert.Equal("2dsphere", (string?)indexes["location_2dsphere"]["key"]!["location"]);
        var text = indexes["media_text_v3"];
        Assert.Equal(["tags", "people", "description", "file.name", "camera.make", "camera.model", "author.name", "place.city", "place.region", "place.country"], text["key"]!.AsObject().Select(k => k.Key));
        Assert.All(text["key"]!.AsObject(), k => Assert.Equal("text", (string?)k.Value));
        Assert.Equal("none", (string?)text["default_language"]);
        Assert.Equal("textLanguage", (string?)text["language_override"]);
        foreach (var name in new[] { "locations_path", "timestamps_taken", "kind", "camera", "status", "place_country", "place_city", "tag_keys", "people" })
            Assert.Contains(name, indexes.Keys);
        Assert.Equal(["camera.make", "camera.model"], indexes["camera"]["key"]!.AsObject().Select(k => k.Key));
        Assert.Equal(creates[0]["indexes"]!.ToJsonString(), creates[1]["indexes"]!.ToJsonString());
    }

    [MongoPeerFact]
    public async Task Start_up_replaces_the_text_index_an_earlier_rayray_made_and_no_other()
    {
        await using var peer = await MongoPeer.StartAsync();
        var client = new MongoDB.Driver.MongoClient(peer.Uri());
        var media = client.GetDatabase("rayray_test").GetCollection<MongoDB.Bson.BsonDocument>("media_files");
        await media.Indexes.CreateManyAsync(
        [
            new(new MongoDB.Bson.BsonDocument { { "tags", "text" }, { "description", "text" } }, new MongoDB.Driver.CreateIndexOptions { Name = "media_text" }),
            new(new MongoDB.Bson.BsonDocument("label", 1), new MongoDB.Driver.CreateIndexOptions { Name = "users_own_label" }),
        ]);

        await using (var store = await OpenAsync(peer))
        {
            using var cursor = await media.Indexes.ListAsync();
            var names = (await MongoDB.Driver.IAsyncCursorExtensions.ToListAsync(cursor)).Select(i => i["name"].AsString).ToList();
            Assert.DoesNotContain("media_text", names);
            Assert.Contains("media_text_v3", names);
            Assert.Contains("users_own_label", names);
        }
    }

    [MongoPeerFact]
    public async Task Start_up_gives_the_documents_of_an_earlier_rayray_their_tag_keys_once()
    {
        await using var peer = await MongoPeer.StartAsync();
        var written = Documents(3);
        await using (var store = await OpenAsync(peer))
            await store.WriteBatchAsync(written, false, default);
        var database = new MongoDB.Driver.MongoClient(peer.Uri()).GetDatabase("rayray_test");
        var media = database.GetCollection<MongoDB.Bson.BsonDocument>("media_files");
        // As schema version 1 left them: no tag keys.
        await media.UpdateManyAsync(new MongoDB.Bson.BsonDocument(), new MongoDB.Bson.BsonDocument("$unset", new MongoDB.Bson.BsonDocument("tagKeys", "")));
        await database.GetCollection<MongoDB.Bson.BsonDocument>("rayray_meta").UpdateOneAsync(
            new MongoDB.Bson.BsonDocument("_id", "schema"), new MongoDB.Bson.BsonDocument("$set", new MongoDB.Bson.BsonDocument("version", 1)));

        await using (var store = await OpenAsync(peer))
        {
            Assert.Equal(3, await store.CountAsync(Rayray.Core.Query.QueryParser.Parse("tag:\"Places|USA\" && tag:urban"), default));
            Assert.Equal(DocumentJson.Serialize(written[0]), DocumentJson.Serialize((await store.FindAsync(written[0].Id, default))!)); // the keys are not given back
        }
        var backfills = (await peer.CommandDocumentsAsync("update")).Count(u => (string?)u["update"] == "media_files" && u["updates"]![0]!["u"]!["$set"]?["tagKeys"] is not null);
        await using (var store = await OpenAsync(peer))
            Assert.Equal(1, await store.CountAsync(Rayray.Core.Query.QueryParser.Parse("tag:\"san francisco\" && _id:" + written[1].Id), default));
        Assert.Equal(backfills, (await peer.CommandDocumentsAsync("update")).Count(u => (string?)u["update"] == "media_files" && u["updates"]![0]!["u"]!["$set"]?["tagKeys"] is not null));
        Assert.Equal(1, backfills);
    }

    [MongoPeerFact]
    public async Task Two_hundred_and_fifty_documents_go_as_three_update_commands_of_100_100_and_50_unordered_upserts_on_the_hash()
    {
        await using var peer = await MongoPeer.StartAsync();
        await using var store = await OpenAsync(peer);
        var channel = Channel.CreateUnbounded<MediaDocument>();
        foreach (var document in Documents(250))
            await channel.Writer.WriteAsync(document);
        channel.Writer.Complete();

        await new BatchWriter(store, new BatchOptions(), new LoggerConfiguration().CreateLogger()).RunAsync(channel.Reader, default);

        var updates = (await peer.CommandDocumentsAsync("update")).Where(u => (string?)u["update"] == "media_files").ToList();
        Assert.Equal([100, 100, 50], updates.Select(u => u["updates"]!.AsArray().Count));
        Assert.All(updates, u => Assert.False((bool?)u["ordered"]));
        Assert.All(updates.SelectMany(u => u["updates"]!.AsArray()), statement =>
        {
            Assert.True((bool?)statement!["upsert"]);
            Assert.StartsWith("sha256:", (string?)statement["q"]!["file.hash"], StringComparison.Ordinal);
        });
        Assert.Equal(250, await store.CountAsync(default));
    }

    [MongoPeerFact]
    public async Task A_duplicate_key_answer_to_one_upsert_is_retried_once_and_the_rest_of_the_batch_is_kept()
    {
        await using var peer = await MongoPeer.StartAsync("--fault", "duplicate:update:2"); // the first update is the schema version written at start-up
        await using var store = await OpenAsync(peer);
        var documents = Documents(5);

        var result = await store.WriteBatchAsync(documents, false, default);

        Assert.All(result.Outcomes, o => Assert.Null(o.Error));
        var updates = (await peer.CommandDocumentsAsync("update")).Where(u => (string?)u["update"] == "media_files").ToList();
        Assert.Equal(2, updates.Count);
        Assert.Single(updates[1]["updates"]!.AsArray());
        Assert.Equal(documents[0].File.Hash, (string?)updates[1]["updates"]![0]!["q"]!["file.hash"]);
        Assert.Equal(5, await store.CountAsync(default));
        foreach (var document in documents)
            Assert.Equal(document.Id, (await store.FindAsync(document.Locations[0].Path, default))?.Id);
    }

    [MongoPeerFact]
    public async Task Every_write_to_media_files_filters_on_the_full_shard_key()
    {
        await using var peer = await MongoPeer.StartAsync();
        await using var store = await OpenAsync(peer);
        var documents = Documents(4);
        var still = TestDocuments.Create("still", Path.Combine(_folder.Path, "IMG_1.HEIC"), d => d with { ContentIdentifier = "ABC" });
        var movie = TestDocuments.Create("movie", Path.Combine(_folder.Path, "IMG_1.MOV"), d => d with { Kind = MediaKind.Video, ContentIdentifier = "ABC" });
        var edited = TestDocuments.Create("edited bytes", documents[0].Locations[0].Path);
        var copy = documents[1] with { Locations = [documents[1].Locations[0] with { Path = documents[1].Locations[0].Path + ".copy.jpg" }] };

        await store.WriteBatchAsync([.. documents, still], false, default);
        await store.WriteBatchAsync([movie, edited, copy], false, default);
        await store.RemoveLocationsAsync([documents[2].Locations[0].Path], prune: true, default);

        var statements = (await peer.CommandDocumentsAsync("update")).Where(u => (string?)u["update"] == "media_files").SelectMany(u => u["updates"]!.AsArray())
            .Concat((await peer.CommandDocumentsAsync("delete")).Where(d => (string?)d["delete"] == "media_files").SelectMany(d => d["deletes"]!.AsArray()))
            .ToList();
        Assert.Contains(statements, s => s!["u"]?["$pull"] is not null);
        Assert.Contains(statements, s => s!["u"]?["$addToSet"] is not null);
        Assert.Contains(statements, s => s!["u"]?["$set"] is not null);
        Assert.Contains(statements, s => s!["limit"] is not null);
        Assert.All(statements, s => Assert.StartsWith("sha256:", (string?)s!["q"]!["file.hash"], StringComparison.Ordinal));
    }

    [MongoPeerFact]
    public async Task Change_detection_reads_a_folder_of_known_files_across_getMore_batches()
    {
        await using var peer = await MongoPeer.StartAsync("--batch-size", "7");
        await using var store = await OpenAsync(peer);
        var documents = Documents(40);
        await store.WriteBatchAsync(documents, false, default);

        var known = await store.GetKnownLocationsAsync(Path.GetDirectoryName(documents[0].Locations[0].Path)!, default);

        Assert.Equal(40, known.Count);
        Assert.Equal(documents[3].File.Hash, known[documents[3].Locations[0].Path].Hash);
        Assert.NotEmpty(await peer.CommandsAsync("getMore"));
        var find = (await peer.CommandDocumentsAsync("find"))[^1];
        Assert.Equal(Path.GetDirectoryName(documents[0].Locations[0].Path), (string?)find["filter"]!["locations.folder"]);
    }

    [MongoPeerFact]
    public async Task Vanished_files_leave_their_documents_missing_and_prune_deletes_them()
    {
        await using var peer = await MongoPeer.StartAsync();
        await using var store = await OpenAsync(peer);
        var documents = Documents(4);
        await store.WriteBatchAsync(documents, false, default);

        var kept = await store.RemoveLocationsAsync([documents[0].Locations[0].Path, documents[1].Locations[0].Path], prune: false, default);
        var pruned = await store.RemoveLocationsAsync([documents[2].Locations[0].Path], prune: true, default);

        Assert.Equal(2, kept.DocumentsNowMissing);
        Assert.Equal(1, pruned.DocumentsPruned);
        Assert.Equal(DocumentStatus.Missing, (await store.FindAsync(documents[0].Id, default))!.Status);
        Assert.Null(await store.FindAsync(documents[2].Id, default));
        Assert.Equal(3, await store.CountAsync(default));
        Assert.Equal([Path.GetDirectoryName(documents[3].Locations[0].Path)!], await store.GetKnownFoldersAsync(_folder.Path, default));
    }

    [MongoPeerFact]
    public async Task Metadata_keys_with_dots_and_dollars_survive_the_round_trip()
    {
        await using var peer = await MongoPeer.StartAsync();
        await using var store = await OpenAsync(peer);
        var raw = new JsonObject { ["quicktime"] = new JsonObject { ["com.apple.quicktime.make"] = "Apple", ["$weird"] = 1 } };
        var document = TestDocuments.Create("dotted", Path.Combine(_folder.Path, "v.mov"), d => d with { MetadataRaw = raw });

        await store.WriteBatchAsync([document], false, default);

        var stored = await store.FindAsync(document.Id, default);
        Assert.Equal("Apple", (string?)stored!.MetadataRaw["quicktime"]!["com.apple.quicktime.make"]);
        Assert.Equal(1, (int?)stored.MetadataRaw["quicktime"]!["$weird"]);
        var sent = (await peer.CommandDocumentsAsync("update"))[^1].ToJsonString();
        Assert.DoesNotContain("com.apple.quicktime.make", sent, StringComparison.Ordinal);
    }

    [MongoPeerFact]
    public async Task The_scan_lock_is_a_lease_that_a_second_scanner_cannot_take_until_released()
    {
        await using var peer = await MongoPeer.StartAsync();
        await using var store = await OpenAsync(peer);
        var run = await store.StartRunAsync(new Core.Storage.ScanRun { Roots = ["/photos"], StartedUtc = DateTime.UtcNow, Host = Environment.MachineName, ProcessId = Environment.ProcessId }, default);
        var other = await store.StartRunAsync(new Core.Storage.ScanRun { Roots = ["/photos/2024"], StartedUtc = DateTime.UtcNow }, default);

        var first = await store.TryLockAsync(["/photos"], new Core.Storage.ScanLockHolder(Environment.MachineName, Environment.ProcessId, DateTime.UtcNow, run.Id), default);
        var second = await store.TryLockAsync(["/photos/2024"], new Core.Storage.ScanLockHolder("other-host", 4242, DateTime.UtcNow, other.Id), default);
        await store.ReleaseLockAsync(run.Id, default);
        var third = await store.TryLockAsync(["/photos/2024"], new Core.Storage.ScanLockHolder("other-host", 4242, DateTime.UtcNow, other.Id), default);

        Assert.True(first.Acquired);
        Assert.False(second.Acquired);
        Assert.Equal(run.Id, second.HeldBy!.RunId);
        Assert.Equal("/photos", second.HeldRoot);
        Assert.True(third.Acquired);
        Assert.True(other.Id > run.Id);
    }
}
