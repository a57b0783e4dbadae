using System.Net;
using Rayray.Mongo.Connection;

namespace Rayray.Mongo.Tests.Connection;

/// <summary>The DNS client against crafted replies from a server on a loopback port.</summary>
public sealed class DnsClientTests
{
    private const string ServiceName = "_mongodb._tcp.test1.example.com";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>Where the question's "example.com" starts: header (12) + _mongodb (9) + _tcp (5) + test1 (6).</summary>
    private const int ExampleComInQuestion = 12 + 9 + 5 + 6;

    private static DnsClient ClientFor(params FakeDnsServer[] servers) => new([.. servers.Select(s => s.Endpoint)], Timeout);

    private static byte[][] One(byte[] reply) => [reply];

    [Fact]
    public async Task Srv_records_are_read_through_compression_pointers_in_owners_and_targets()
    {
        await using var server = new FakeDnsServer((query, _) =>
        {
            var reply = DnsMessageBuilder.ReplyTo(query, 0, answerCount: 2);
            var firstTarget = 0;
            reply.Record(b => b.Pointer(12), DnsMessageBuilder.Srv, DnsMessageBuilder.SrvData(10, 5, 27017, b =>
            {
                firstTarget = b.Position;
                b.Name("host1", pointerTo: ExampleComInQuestion);
            }));
            reply.Record(b => b.Pointer(12), DnsMessageBuilder.Srv, DnsMessageBuilder.SrvData(20, 0, 27018, b => b.Name("db", pointerTo: firstTarget)));
            return One(reply.ToArray());
        });

        var records = await ClientFor(server).QuerySrvAsync(ServiceName, CancellationToken.None);

        Assert.Equal(
            [new SrvRecord("host1.example.com", 27017, 10, 5), new SrvRecord("db.host1.example.com", 27018, 20, 0)],
            records);
    }

    [Fact]
    public async Task Txt_records_join_their_character_strings_and_stay_apart_from_each_other()
    {
        await using var server = new FakeDnsServer((query, _) => One(
            DnsMessageBuilder.ReplyTo(query, 0, answerCount: 2)
                .Record(b => b.Pointer(12), DnsMessageBuilder.Txt, DnsMessageBuilder.TxtData("replicaS", "et=rep", "l0"))
                .Record(b => b.Pointer(12), DnsMessageBuilder.Txt, DnsMessageBuilder.TxtData("authSource=", "", "admin"))
                .ToArray()));

        var texts = await ClientFor(server).QueryTxtAsync("test11.example.com", CancellationToken.None);

        Assert.Equal(["replicaSet=repl0", "authSource=admin"], texts);
    }

    [Fact]
    public async Task A_truncated_reply_over_udp_is_asked_again_over_tcp()
    {
        await using var server = new FakeDnsServer((query, overTcp) => overTcp
            ? One(DnsMessageBuilder.ReplyTo(query, 0, answerCount: 1)
                .Record(b => b.Pointer(12), DnsMessageBuilder.Srv, DnsMessageBuilder.SrvData(0, 0, 27019, b => b.Name("big.example.com")))
                .ToArray())
            // A truncated reply may end anywhere, even in the middle of a record.
            : One([.. DnsMessageBuilder.ReplyTo(query, DnsMessageBuilder.Truncated, answerCount: 3).Pointer(12).UInt16(33).ToArray()]));

        var records = await ClientFor(server).QuerySrvAsync(ServiceName, CancellationToken.None);

        Assert.Equal([new SrvRecord("big.example.com", 27019, 0, 0)], records);
        Assert.Equal(1, server.UdpQueries);
        Assert.Equal(1, server.TcpQueries);
    }

    [Fact]
    public async Task Nxdomain_means_there_are_no_records()
    {
        await using var server = new FakeDnsServer((query, _) => One(DnsMessageBuilder.ReplyTo(query, DnsMessageBuilder.NameError, answerCount: 0).ToArray()));
        var client = ClientFor(server);

        Assert.Empty(await client.QuerySrvAsync(ServiceName, CancellationToken.None));
        Assert.Empty(await client.QueryTxtAsync("test4.example.com", CancellationToken.None));
        Assert.Equal(2, server.UdpQueries);
    }

    [Fact]
    public async Task An_empty_answer_means_there_are_no_records()
    {
        await using var server = new FakeDnsServer((query, _) => One(DnsMessageBuilder.ReplyTo(query, 0, answerCount: 0).ToArray()));

        Assert.Empty(await ClientFor(server).QueryTxtAsync("test1.example.com", CancellationToken.None));
    }

    [Fact]
    public async Task A_server_failure_is_retried_and_then_reported()
    {
        await using var server = new FakeDnsServer((query, _) => One(DnsMessageBuilder.ReplyTo(query, DnsMessageBuilder.ServerFailure, answerCount: 0).ToArray()));

        var error = await Assert.ThrowsAsync<DnsException>(() => ClientFor(server).QuerySrvAsync(ServiceName, CancellationToken.None));

        Assert.Contains("ServerFailure", error.Message, StringComparison.Ordinal);
        Assert.Contains(ServiceName, error.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.UdpQueries);
    }

    [Fact]
    public async Task A_silent_server_times_out_and_the_next_one_answers()
    {
        await using var silent = new FakeDnsServer((_, _) => []);
        await using var working = new FakeDnsServer((query, _) => One(
            DnsMessageBuilder.ReplyTo(query, 0, answerCount: 1)
                .Record(b => b.Pointer(12), DnsMessageBuilder.Txt, DnsMessageBuilder.TxtData("replicaSet=rs"))
                .ToArray()));
        var client = new DnsClient([silent.Endpoint, working.Endpoint], TimeSpan.FromMilliseconds(200));

        Assert.Equal(["replicaSet=rs"], await client.QueryTxtAsync("test5.example.com", CancellationToken.None));
        Assert.Equal(1, silent.UdpQueries);
    }

    [Fact]
    public async Task Servers_that_never_answer_make_a_timeout_error_after_two_attempts_each()
    {
        await using var silent = new FakeDnsServer((_, _) => []);
        var client = new DnsClient([silent.Endpoint], TimeSpan.FromMilliseconds(100));

        var error = await Assert.ThrowsAsync<DnsException>(() => client.QueryTxtAsync("test5.example.com", CancellationToken.None));

        Assert.Contains("no reply", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, silent.UdpQueries);
    }

    [Fact]
    public async Task Cancellation_is_not_mistaken_for_a_timeout()
    {
        await using var silent = new FakeDnsServer((_, _) => []);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ClientFor(silent).QueryTxtAsync("test5.example.com", cancellation.Token));
    }

    [Fact]
    public async Task Replies_to_another_query_are_ignored()
    {
        await using var server = new FakeDnsServer((query, _) =>
        {
            var stale = (byte[])query.Clone();
            stale[0] ^= 0xFF;
            return
            [
                DnsMessageBuilder.ReplyTo(stale, 0, answerCount: 1)
                    .Record(b => b.Pointer(12), DnsMessageBuilder.Txt, DnsMessageBuilder.TxtData("replicaSet=forged"))
                    .ToArray(),
                DnsMessageBuilder.ReplyTo(query, 0, answerCount: 1)
                    .Record(b => b.Pointer(12), DnsMessageBuilder.Txt, DnsMessageBuilder.TxtData("replicaSet=real"))
                    .ToArray(),
            ];
        });

        Assert.Equal(["replicaSet=real"], await ClientFor(server).QueryTxtAsync("test5.example.com", CancellationToken.None));
    }

    [Fact]
    public async Task Aliases_in_the_answer_are_followed_and_records_of_other_names_ignored()
    {
        await using var server = new FakeDnsServer((query, _) =>
        {
            var reply = DnsMessageBuilder.ReplyTo(query, 0, answerCount: 3);
            var alias = 0;
            reply.Record(b => b.Pointer(12), DnsMessageBuilder.Cname, b =>
            {
                alias = b.Position;
                b.Name("_mongodb._tcp.elsewhere.example.com");
            });
            reply.Record(b => b.Pointer(alias), DnsMessageBuilder.Srv, DnsMessageBuilder.SrvData(0, 0, 27017, b => b.Name("a.example.com")));
            reply.Record(b => b.Name("_mongodb._tcp.unrelated.example.com"), DnsMessageBuilder.Srv, DnsMessageBuilder.SrvData(0, 0, 27017, b => b.Name("b.example.com")));
            return One(reply.ToArray());
        });

        var records = await ClientFor(server).QuerySrvAsync(ServiceName, CancellationToken.None);

        Assert.Equal([new SrvRecord("a.example.com", 27017, 0, 0)], records);
    }

    [Fact]
    public void A_compression_pointer_that_loops_or_points_forward_is_malformed()
    {
        var query = DnsQuery.Build(7, ServiceName, DnsRecordType.Service);
        var loop = DnsMessageBuilder.ReplyTo(query, 0, answerCount: 1);
        loop.Record(b => b.Pointer(b.Position), DnsMessageBuilder.Srv, DnsMessageBuilder.SrvData(0, 0, 1, b => b.Name("x")));
        var forward = DnsMessageBuilder.ReplyTo(query, 0, answerCount: 1);
        forward.Record(b => b.Pointer(b.Position + 2), DnsMessageBuilder.Srv, DnsMessageBuilder.SrvData(0, 0, 1, b => b.Name("x")));

        Assert.Throws<DnsException>(() => DnsResponse.Parse(loop.ToArray()));
        Assert.Throws<DnsException>(() => DnsResponse.Parse(forward.ToArray()));
    }

    [Fact]
    public void Records_cut_short_and_labels_with_dots_are_malformed()
    {
        var query = DnsQuery.Build(7, ServiceName, DnsRecordType.Service);
        var cut = DnsMessageBuilder.ReplyTo(query, 0, answerCount: 1)
            .Record(b => b.Pointer(12), DnsMessageBuilder.Srv, DnsMessageBuilder.SrvData(0, 0, 1, b => b.Name("x.example.com")))
            .ToArray();
        var dotted = DnsMessageBuilder.ReplyTo(query, 0, answerCount: 1)
            .Record(b => b.Pointer(12), DnsMessageBuilder.Srv, DnsMessageBuilder.SrvData(0, 0, 1, b => b.Bytes(9).Bytes("evil.test"u8.ToArray()).Name("example.com")))
            .ToArray();

        Assert.Throws<DnsException>(() => DnsResponse.Parse(cut.AsSpan()[..^3]));
        Assert.Throws<DnsException>(() => DnsResponse.Parse(dotted));
    }

    [Fact]
    public void A_query_asks_one_question_of_class_IN_with_recursion_desired()
    {
        var query = DnsQuery.Build(0x1234, "_mongodb._tcp.Test1.example.com.", DnsRecordType.Service);

        byte[] expected =
        [
            0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
            8, .. "_mongodb"u8, 4, .. "_tcp"u8, 5, .. "Test1"u8, 7, .. "example"u8, 3, .. "com"u8, 0,
            0, 33, 0, 1,
        ];
        Assert.Equal(expected, query);
    }

    [Fact]
    public void A_query_name_with_a_label_longer_than_63_bytes_is_refused()
    {
        Assert.Throws<ArgumentException>(() => DnsQuery.Build(1, new string('a', 64) + ".example.com", DnsRecordType.Text));
        Assert.Throws<ArgumentException>(() => DnsQuery.Build(1, "a..example.com", DnsRecordType.Text));
    }

    [Fact]
    public void A_client_needs_a_server_and_a_positive_timeout()
    {
        Assert.Throws<ArgumentException>(() => new DnsClient([], Timeout));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DnsClient([new IPEndPoint(IPAddress.Loopback, 53)], TimeSpan.Zero));
    }
}
