using System.Diagnostics;
using System.Threading.Channels;
using Rayray.Core.Documents;
using Rayray.Core.Storage;
using Rayray.Core.Writing;
using Rayray.Storage.Mongo;
using Rayray.Testing;
using Serilog;

namespace Rayray.Tests.Storage;

/// <summary>
/// The MongoDB store through the official driver when the deployment is not one healthy server:
/// replica sets and their elections, a mongos, lost connections, a server that stops answering,
/// logins. Checked against the wire-protocol peer.
/// </summary>
public sealed class MongoStoreFailureTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-mongo-faults");

    public void Dispose() => _folder.Dispose();

    private List<MediaDocument> Documents(int count, string prefix = "content") =>
        [.. Enumerable.Range(0, count).Select(i => TestDocuments.Create($"{prefix} {i}", Path.Combine(_folder.Path, "photos", $"IMG_{prefix}_{i:0000}.jpg")))];

    private static async Task<MongoMediaStore> OpenAsync(string uri)
    {
        var store = MongoMediaStore.Open(uri);
        await store.InitializeAsync(default);
        return store;
    }

    private static async Task WriteThroughBatchWriterAsync(MongoMediaStore store, List<MediaDocument> documents)
    {
        var channel = Channel.CreateUnbounded<MediaDocument>();
        foreach (var document in documents)
            await channel.Writer.WriteAsync(document);
        channel.Writer.Complete();
        var options = new BatchOptions { FirstRetryDelay = TimeSpan.FromMilliseconds(20) };
        await new BatchWriter(store, options, new LoggerConfiguration().CreateLogger()).RunAsync(channel.Reader, default);
    }

    private static async Task AssertEachStoredOnceAsync(MongoMediaStore store, List<MediaDocument> documents)
    {
        Assert.Equal(documents.Count, await store.CountAsync(default));
        foreach (var document in documents)
            Assert.Equal([document.Locations[0].Path], (await store.FindAsync(document.Id, default))!.Locations.Select(l => l.Path));
    }

    [MongoPeerFact]
    public async Task Given_only_a_secondary_the_driver_finds_the_primary_and_every_write_goes_there()
    {
        await using var set = await MongoPeer.StartReplicaSetAsync();
        await using var store = await OpenAsync(set.Uri(seedSecondaryOnly: true));
        var documents = Documents(20);

        var result = await store.WriteBatchAsync(documents, false, default);

        Assert.Equal(0, result.Failed);
        Assert.Equal(20, await store.CountAsync(default));
        Assert.Contains(await set.Primary.CommandsAsync("update"), c => (string?)c["command"]!["update"] == "media_files");
        Assert.Empty(await set.Secondary.CommandsAsync("update"));
        Assert.Empty(await set.Secondary.CommandsAsync("createIndexes"));
    }

    [MongoPeerFact]
    public async Task A_primary_that_steps_down_mid_scan_loses_nothing()
    {
        await using var set = await MongoPeer.StartReplicaSetAsync();
        await using var store = await OpenAsync(set.Uri());
        var documents = Documents(30);

        var first = await store.WriteBatchAsync(documents[..15], false, default);
        var formerPrimary = set.Primary;
        await set.FailOverAsync();
        var second = await store.WriteBatchAsync(documents[15..], false, default);

        Assert.Equal(0, first.Failed + second.Failed);
        Assert.Contains(await formerPrimary.CommandsAsync("update"), c => c["command"]!["updates"]!.AsArray().Count == 15);
        // The peers do not replicate: the new primary holds what was written after the election.
        Assert.Equal(15, await store.CountAsync(default));
        Assert.NotNull(await store.FindAsync(documents[29].Id, default));
    }

    [MongoPeerFact]
    public async Task On_a_replica_set_a_connection_closed_before_or_after_the_server_applied_a_batch_is_retried_by_the_driver_without_duplicates_or_losses()
    {
        await using var set = await MongoPeer.StartReplicaSetAsync(primaryOptions: ["--fault", "hangup-after:update:2", "--fault", "hangup:update:5"]);
        await using var store = await OpenAsync(set.Uri());
        var documents = Documents(60);
        var copies = documents.Take(10).Select(d => d with { Locations = [d.Locations[0] with { Path = d.Locations[0].Path + ".copy.jpg" }] }).ToList();

        var first = await store.WriteBatchAsync(documents, false, default);
        var second = await store.WriteBatchAsync(copies, false, default);

        Assert.Equal(0, first.Failed + second.Failed);
        Assert.NotEmpty(await set.Primary.EventsAsync("replayed")); // the retried write was not applied twice
        Assert.Equal(60, await store.CountAsync(default));
        foreach (var (document, copy) in documents.Zip(copies))
            Assert.Equal([document.Locations[0].Path, copy.Locations[0].Path], (await store.FindAsync(document.Id, default))!.Locations.Select(l => l.Path));
        Assert.Single((await store.FindAsync(documents[20].Id, default))!.Locations);
    }

    [MongoPeerFact]
    public async Task On_a_standalone_server_a_batch_cut_off_by_a_closed_connection_is_written_again_by_the_batch_writer()
    {
        // A standalone server has no retryable writes: the driver reports the lost connection and
        // rayray's batch writer writes the (idempotent) batch again.
        await using var peer = await MongoPeer.StartAsync("--fault", "hangup-after:update:2", "--fault", "hangup:update:4");
        await using var store = await OpenAsync(peer.Uri());
        var documents = Documents(250);

        await WriteThroughBatchWriterAsync(store, documents);

        await AssertEachStoredOnceAsync(store, documents);
        Assert.Equal(2, (await peer.EventsAsync("fault")).Count);
    }

    [MongoPeerFact]
    public async Task A_scan_writes_through_a_mongos_as_through_a_replica_set()
    {
        await using var peer = await MongoPeer.StartAsync("--mongos", "--fault", "hangup:update:3");
        await using var store = await OpenAsync(peer.Uri());
        var documents = Documents(120);

        await WriteThroughBatchWriterAsync(store, documents);

        await AssertEachStoredOnceAsync(store, documents);
        // Writes through a mongos are retryable: each carries a transaction number for the retry.
        Assert.All((await peer.CommandDocumentsAsync("update")).Where(u => (string?)u["update"] == "media_files"), u => Assert.NotNull(u["txnNumber"]));
    }

    [MongoPeerFact]
    public async Task Two_scanners_writing_the_same_bytes_at_once_make_one_document_per_content_with_both_paths()
    {
        await using var peer = await MongoPeer.StartAsync("--mongos");
        await using var nas1 = await OpenAsync(peer.Uri());
        await using var nas2 = await OpenAsync(peer.Uri(options: "appName=nas2"));
        var onNas1 = Documents(100, "shared");
        var onNas2 = onNas1.Select(d => d with { Locations = [d.Locations[0] with { Path = "/mnt/nas2" + d.Locations[0].Path }] }).ToList();

        var results = await Task.WhenAll(
            Task.Run(() => nas1.WriteBatchAsync(onNas1, false, default)),
            Task.Run(() => nas2.WriteBatchAsync(onNas2, false, default)));

        Assert.All(results, r => Assert.Equal(0, r.Failed));
        Assert.Equal(100, await nas1.CountAsync(default));
        foreach (var (first, second) in onNas1.Zip(onNas2))
        {
            var stored = await nas2.FindAsync(first.Id, default);
            Assert.Equal(new[] { first.Locations[0].Path, second.Locations[0].Path }.Order(StringComparer.Ordinal), stored!.Locations.Select(l => l.Path));
        }
    }

    [MongoPeerFact]
    public async Task A_server_that_stops_answering_ends_the_operation_after_timeoutMS_with_a_message_that_says_so()
    {
        await using var peer = await MongoPeer.StartAsync("--fault", "stall:update:2", "--stall-seconds", "30");
        await using var store = await OpenAsync(peer.Uri(options: "timeoutMS=1000"));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<StoreException>(() => store.WriteBatchAsync(Documents(3), false, default));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
        Assert.Equal($"MongoDB at mongodb://{peer.Address}/rayray_test did not answer within 1 s while writing a batch of 3 documents (timeoutMS); it did not happen", error.Message);
        Assert.True(error.IsTransient);
        Assert.False(error.WasStopped);
    }

    [MongoPeerFact]
    public async Task A_stop_cancels_a_write_to_a_stalled_server_at_once()
    {
        await using var peer = await MongoPeer.StartAsync("--fault", "stall:update:2", "--stall-seconds", "30");
        await using var store = await OpenAsync(peer.Uri());
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<StoreException>(() => store.WriteBatchAsync(Documents(3), false, stop.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.True(error.WasStopped);
    }

    [MongoPeerFact]
    public async Task A_user_logs_in_with_SCRAM_SHA_256_and_a_wrong_password_is_refused_naming_user_and_server_but_not_the_password()
    {
        await using var peer = await MongoPeer.StartAsync("--user", "indexer", "--password", "Right-Pw-1", "--mechanisms", "SCRAM-SHA-256");

        await using (var store = await OpenAsync(peer.Uri(credentials: "indexer:Right-Pw-1@")))
            Assert.Equal(0, (await store.WriteBatchAsync(Documents(2), false, default)).Failed);
        var refused = MongoMediaStore.Open(peer.Uri(credentials: "indexer:Wr%40ng-Pw-2@"));
        var error = await Assert.ThrowsAsync<StoreException>(() => refused.InitializeAsync(default));
        await refused.DisposeAsync();

        var logins = (await peer.CommandsAsync()).Select(c => c["command"]!.ToJsonString()).Where(c => c.Contains("\"mechanism\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(logins);
        Assert.All(logins, login => Assert.Contains("\"SCRAM-SHA-256\"", login, StringComparison.Ordinal));
        Assert.Equal($"cannot log in to MongoDB at mongodb://indexer:***@{peer.Address}/rayray_test as indexer: Authentication failed.", error.Message);
        Assert.DoesNotContain("Wr%40ng", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Wr@ng", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_is_named_with_why_it_could_not_be_used()
    {
        var store = MongoMediaStore.Open("mongodb://indexer:Secret-Pw@127.0.0.1:9/rayray?serverSelectionTimeoutMS=1000&connectTimeoutMS=500");

        var error = await Assert.ThrowsAsync<StoreException>(() => store.InitializeAsync(default));
        await store.DisposeAsync();

        Assert.Equal("cannot reach MongoDB at mongodb://indexer:***@127.0.0.1:9/rayray while creating the indexes: no server answered (127.0.0.1:9: Connection refused)", error.Message);
        Assert.DoesNotContain("Secret-Pw", error.ToString(), StringComparison.Ordinal);
    }
}
