using Rayray.Mongo.Auth;
using Rayray.Mongo.Bson;
using Rayray.Mongo.Client;
using Rayray.Mongo.Connection;
using Rayray.Testing;

namespace Rayray.Mongo.Tests.Client;

/// <summary>The client against a wire-protocol peer on loopback (python3-mockupdb): what it sends, and how it copes.</summary>
public sealed class MongoClientTests
{
    private static MongoClientSettings SettingsFor(MongoPeer peer, MongoCredential? credential = null) => new()
    {
        Seeds = [new MongoHost("127.0.0.1", peer.Port)],
        Credential = credential,
        ServerSelectionTimeout = TimeSpan.FromSeconds(3),
        ConnectTimeout = TimeSpan.FromSeconds(3),
        SocketTimeout = TimeSpan.FromSeconds(10),
        ApplicationName = "rayray-tests",
    };

    private static BsonDocument Ping => new("ping", 1);

    [MongoPeerFact]
    public async Task The_handshake_is_isMaster_on_admin_with_the_client_metadata()
    {
        await using var peer = await MongoPeer.StartAsync();
        await using var client = new MongoClient(SettingsFor(peer));

        await client.RunCommandAsync("rayray", Ping, retryable: false, default);

        var commands = await peer.CommandsAsync();
        Assert.Equal("ismaster", (string?)commands[0]["name"]);
        var hello = commands[0]["command"]!;
        Assert.Equal("admin", (string?)hello["$db"]);
        Assert.True((bool?)hello["helloOk"]);
        Assert.Equal("rayray", (string?)hello["client"]!["driver"]!["name"]);
        Assert.Equal("rayray-tests", (string?)hello["client"]!["application"]!["name"]);
        Assert.False(string.IsNullOrEmpty((string?)hello["client"]!["os"]!["type"]));
        Assert.Equal("ping", (string?)commands[1]["name"]);
        Assert.Equal("rayray", (string?)commands[1]["command"]!["$db"]);
    }

    [Fact]
    public void The_client_metadata_stays_under_512_bytes_even_with_a_long_application_name()
    {
        var settings = new MongoClientSettings { Seeds = [new MongoHost("localhost", 27017)], ApplicationName = new string('x', 2000) };

        var metadata = ClientMetadata.Build(settings);

        Assert.True(BsonSerializer.Serialize(metadata).Length <= 512);
        Assert.Equal("rayray", metadata["driver"].AsDocument["name"].AsString);
    }

    [MongoPeerFact]
    public async Task A_server_older_than_MongoDB_3_6_is_refused_with_a_clear_message()
    {
        await using var peer = await MongoPeer.StartAsync("--max-wire", "5");
        await using var client = new MongoClient(SettingsFor(peer) with { ServerSelectionTimeout = TimeSpan.FromSeconds(1) });

        var error = await Assert.ThrowsAsync<MongoConnectionException>(() => client.RunCommandAsync("rayray", Ping, false, default));

        Assert.Contains("3.6", error.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{peer.Port}", error.Message, StringComparison.Ordinal);
    }

    [MongoPeerFact]
    public async Task Scram_sha_256_is_used_when_the_server_offers_it()
    {
        await using var peer = await MongoPeer.StartAsync("--user", "alice", "--password", "s3cret", "--mechanisms", "SCRAM-SHA-256,SCRAM-SHA-1");
        await using var client = new MongoClient(SettingsFor(peer, new MongoCredential("alice", "s3cret", "admin")));

        await client.RunCommandAsync("rayray", Ping, false, default);

        var hello = (await peer.CommandDocumentsAsync("ismaster"))[0];
        Assert.Equal("admin.alice", (string?)hello["saslSupportedMechs"]);
        var start = (await peer.CommandDocumentsAsync("saslStart"))[0];
        Assert.Equal("SCRAM-SHA-256", (string?)start["mechanism"]);
        Assert.True((bool?)start["options"]!["skipEmptyExchange"]);
        Assert.Equal("admin", (string?)start["$db"]);
        Assert.Single(await peer.CommandsAsync("saslContinue"));
        Assert.Single(await peer.CommandsAsync("ping"));
    }

    [MongoPeerFact]
    public async Task Scram_sha_1_is_used_when_the_server_offers_only_it()
    {
        await using var peer = await MongoPeer.StartAsync("--user", "bob", "--password", "pencil", "--mechanisms", "SCRAM-SHA-1");
        await using var client = new MongoClient(SettingsFor(peer, new MongoCredential("bob", "pencil", "admin")));

        await client.RunCommandAsync("rayray", Ping, false, default);

        Assert.Equal("SCRAM-SHA-1", (string?)(await peer.CommandDocumentsAsync("saslStart"))[0]["mechanism"]);
    }

    [MongoPeerFact]
    public async Task A_server_before_4_4_gets_its_extra_empty_sasl_round()
    {
        await using var peer = await MongoPeer.StartAsync("--user", "alice", "--password", "s3cret", "--no-skip-empty-exchange");
        await using var client = new MongoClient(SettingsFor(peer, new MongoCredential("alice", "s3cret", "admin")));

        await client.RunCommandAsync("rayray", Ping, false, default);

        var rounds = await peer.CommandDocumentsAsync("saslContinue");
        Assert.Equal(2, rounds.Count);
        Assert.Equal("", ((string?)rounds[1]["payload"]!["$binary"]!["base64"]) ?? "");
    }

    [MongoPeerFact]
    public async Task A_wrong_password_fails_with_the_user_and_server_named_and_the_password_nowhere()
    {
        await using var peer = await MongoPeer.StartAsync("--user", "alice", "--password", "right-one");
        await using var client = new MongoClient(SettingsFor(peer, new MongoCredential("alice", "wrong-horse-battery", "admin")));

        var error = await Assert.ThrowsAsync<MongoAuthenticationException>(() => client.RunCommandAsync("rayray", Ping, false, default));

        Assert.Contains("alice", error.Message, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{peer.Port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("Authentication failed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-horse-battery", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(await peer.CommandsAsync("ping"));
    }

    [MongoPeerFact]
    public async Task Writes_are_cut_at_maxWriteBatchSize_sent_as_document_sequences_and_errors_keep_the_callers_index()
    {
        await using var peer = await MongoPeer.StartAsync("--max-write-batch", "2");
        await using var client = new MongoClient(SettingsFor(peer));
        var documents = Enumerable.Range(0, 5).Select(i => new BsonDocument { { "_id", i == 3 ? 0 : i }, { "n", i } }).ToList();

        var result = await client.WriteAsync("rayray", "things", WriteKind.Insert, documents, ordered: false, retryable: false, default);

        var inserts = await peer.CommandDocumentsAsync("insert");
        Assert.Equal([2, 2, 1], inserts.Select(c => c["documents"]!.AsArray().Count));
        Assert.All(inserts, c => Assert.False((bool?)c["ordered"]));
        var error = Assert.Single(result.WriteErrors);
        Assert.Equal(3, error.Index);
        Assert.True(error.IsDuplicateKey);
        Assert.Equal(4, result.Matched);
    }

    [MongoPeerFact]
    public async Task A_cursor_is_paged_with_getMore_and_one_left_early_is_killed()
    {
        await using var peer = await MongoPeer.StartAsync("--batch-size", "2");
        await using var client = new MongoClient(SettingsFor(peer));
        await client.WriteAsync("rayray", "things", WriteKind.Insert, [.. Enumerable.Range(0, 5).Select(i => new BsonDocument("_id", i))], true, false, default);

        var all = new List<int>();
        await foreach (var document in client.QueryAsync("rayray", new BsonDocument { { "find", "things" }, { "filter", new BsonDocument() } }))
            all.Add(document["_id"].AsInt32);
        await foreach (var document in client.QueryAsync("rayray", new BsonDocument { { "find", "things" }, { "filter", new BsonDocument() } }))
            break;

        Assert.Equal([0, 1, 2, 3, 4], all);
        var getMores = await peer.CommandDocumentsAsync("getMore");
        Assert.Equal(2, getMores.Count);
        Assert.All(getMores, g => Assert.Equal("things", (string?)g["collection"]));
        var kill = Assert.Single(await peer.CommandDocumentsAsync("killCursors"));
        Assert.Equal("things", (string?)kill["killCursors"]);
        Assert.Single(kill["cursors"]!.AsArray());
    }

    [MongoPeerFact]
    public async Task NotWritablePrimary_is_retried_once_after_finding_the_primary_again()
    {
        await using var peer = await MongoPeer.StartAsync("--fault", "notwritable:update:1");
        await using var client = new MongoClient(SettingsFor(peer));
        var upsert = new BsonDocument { { "q", new BsonDocument("_id", 1) }, { "u", new BsonDocument("$set", new BsonDocument("x", 1)) }, { "upsert", true } };

        var result = await client.WriteAsync("rayray", "things", WriteKind.Update, [upsert], false, retryable: true, default);

        Assert.Equal(1, result.Matched);
        Assert.Equal(2, (await peer.CommandsAsync("update")).Count);
        Assert.True((await peer.CommandsAsync("ismaster")).Count >= 2);
    }

    [MongoPeerFact]
    public async Task A_connection_closed_mid_command_is_retried_once_when_the_command_may_be()
    {
        await using var peer = await MongoPeer.StartAsync("--fault", "hangup:update:1", "--fault", "hangup:update:3");
        await using var client = new MongoClient(SettingsFor(peer));
        var upsert = new BsonDocument { { "q", new BsonDocument("_id", 1) }, { "u", new BsonDocument("$set", new BsonDocument("x", 1)) }, { "upsert", true } };

        var retried = await client.WriteAsync("rayray", "things", WriteKind.Update, [upsert], false, retryable: true, default);
        var error = await Assert.ThrowsAsync<MongoConnectionException>(() => client.WriteAsync("rayray", "things", WriteKind.Update, [upsert], false, retryable: false, default));

        Assert.Equal(1, retried.Matched);
        Assert.Contains($"127.0.0.1:{peer.Port}", error.Message, StringComparison.Ordinal);
        Assert.Contains("'update'", error.Message, StringComparison.Ordinal);
    }

    [MongoPeerFact]
    public async Task A_replica_set_seed_that_is_a_secondary_leads_to_the_primary()
    {
        await using var primary = await MongoPeer.StartAsync("--set-name", "rs0");
        await using var secondary = await MongoPeer.StartAsync("--set-name", "rs0", "--secondary", "--primary", $"127.0.0.1:{primary.Port}");
        await using var client = new MongoClient(SettingsFor(secondary) with { ReplicaSet = "rs0" });

        await client.RunCommandAsync("rayray", Ping, false, default);

        Assert.Single(await primary.CommandsAsync("ping"));
        Assert.Empty(await secondary.CommandsAsync("ping"));
        Assert.Equal($"127.0.0.1:{primary.Port}", client.CurrentAddress);
    }

    [Fact]
    public async Task An_unreachable_server_is_reported_with_every_address_tried()
    {
        var settings = new MongoClientSettings
        {
            Seeds = [new MongoHost("127.0.0.1", 1), new MongoHost("127.0.0.1", 2)],
            ServerSelectionTimeout = TimeSpan.FromSeconds(1),
        };
        await using var client = new MongoClient(settings);

        var error = await Assert.ThrowsAsync<MongoConnectionException>(() => client.RunCommandAsync("rayray", Ping, false, default));

        Assert.Contains("127.0.0.1:1", error.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:2", error.Message, StringComparison.Ordinal);
        Assert.Contains("serverSelectionTimeoutMS", error.Message, StringComparison.Ordinal);
    }

    [MongoPeerFact]
    public async Task A_server_that_stops_answering_times_out_and_a_cancelled_call_returns_at_once()
    {
        await using var peer = await MongoPeer.StartAsync("--fault", "stall:ping:1", "--fault", "stall:ping:2");
        await using var client = new MongoClient(SettingsFor(peer) with { SocketTimeout = TimeSpan.FromMilliseconds(500) });

        var timedOut = await Assert.ThrowsAsync<MongoConnectionException>(() => client.RunCommandAsync("rayray", Ping, false, default));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = DateTime.UtcNow;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.RunCommandAsync("rayray", Ping, false, cancel.Token));

        Assert.Contains("did not answer 'ping'", timedOut.Message, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(3));
    }

    [MongoPeerFact]
    public async Task Tls_connects_to_a_self_signed_server_only_when_told_to_allow_it()
    {
        await using var peer = await MongoPeer.StartAsync("--tls");
        await using var trusting = new MongoClient(SettingsFor(peer) with { Tls = new MongoTlsOptions(Enabled: true, AllowInvalidCertificates: true) });
        await using var strict = new MongoClient(SettingsFor(peer) with { Tls = new MongoTlsOptions(Enabled: true), ServerSelectionTimeout = TimeSpan.FromSeconds(1) });

        await trusting.RunCommandAsync("rayray", Ping, false, default);
        var error = await Assert.ThrowsAsync<MongoConnectionException>(() => strict.RunCommandAsync("rayray", Ping, false, default));

        Assert.Single(await peer.CommandsAsync("ping"));
        Assert.Contains($"127.0.0.1:{peer.Port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reply_with_an_unknown_required_flag_bit_is_rejected()
    {
        // Flag bit 2 is not defined: a reader must refuse what it cannot understand in the low 16 bits.
        var body = new byte[] { 0x04, 0, 0, 0, 0 }.Concat(BsonSerializer.Serialize(new BsonDocument("ok", 1))).ToArray();

        Assert.Throws<BsonFormatException>(() => Rayray.Mongo.Wire.OpMsg.DecodeReply(body));
    }

    [Fact]
    public void A_command_with_document_sequences_round_trips_through_the_framing()
    {
        var documents = new[] { new BsonDocument("a", 1), new BsonDocument("b", "two") };
        var command = new BsonDocument { { "insert", "c" }, { "$db", "d" } };
        var message = Rayray.Mongo.Wire.OpMsg.Encode(7, command, [new("documents", documents)]);

        var (length, requestId, _, opCode) = Rayray.Mongo.Wire.OpMsg.ReadHeader(message);
        var decoded = Rayray.Mongo.Wire.OpMsg.DecodeReply(message.AsSpan(16));

        Assert.Equal(message.Length, length);
        Assert.Equal(7, requestId);
        Assert.Equal(2013, opCode);
        Assert.Equal("c", decoded["insert"].AsString);
        Assert.Equal(2, decoded["documents"].AsArray.Count);
        Assert.Equal("two", decoded["documents"].AsArray[1].AsDocument["b"].AsString);
        Assert.Equal(1, message[16 + 4 + 1 + BsonSerializer.Serialize(command).Length]); // the kind byte of the second section
    }
}
