using Rayray.Mongo.Connection;

namespace Rayray.Mongo.Tests.Connection;

/// <summary>Seedlist discovery against crafted DNS replies, including the specification's prose tests on SRV target domains.</summary>
public sealed class SeedlistDiscoveryTests
{
    [Theory]
    [InlineData("localhost", "test_1.localhost", true)]
    [InlineData("mongo.local", "test_1.my_host.mongo.local", true)]
    [InlineData("blogs.mongodb.com", "cluster.mongodb.com", true)]
    [InlineData("blogs.mongodb.com", "blogs.mongodb.com", true)]
    [InlineData("blogs.mongodb.com", "CLUSTER.MONGODB.COM.", true)]
    [InlineData("localhost", "localhost.mongodb", false)]
    [InlineData("mongo.local", "test_1.evil.local", false)]
    [InlineData("blogs.mongodb.com", "blogs.evil.com", false)]
    [InlineData("localhost", "localhost", false)]
    [InlineData("mongo.local", "mongo.local", false)]
    [InlineData("localhost", "test_1.cluster_1localhost", false)]
    [InlineData("mongo.local", "test_1.my_hostmongo.local", false)]
    [InlineData("blogs.mongodb.com", "cluster.testmongodb.com", false)]
    [InlineData("blogs.mongodb.com", "mongodb.com", false)]
    public void Srv_targets_must_lie_in_the_srv_names_domain(string srvHost, string target, bool allowed)
    {
        Assert.Equal(allowed, SrvTargetDomain.IsAllowed(srvHost, target));
    }

    [Theory]
    [InlineData("mongodb+srv://localhost")]
    [InlineData("mongodb+srv://mongo.local")]
    public void Srv_names_with_fewer_than_three_labels_are_accepted_before_dns(string uri)
    {
        Assert.True(MongoUrl.Parse(uri).NeedsSeedlistDiscovery);
    }

    [Fact]
    public async Task A_target_outside_the_domain_stops_discovery()
    {
        await using var server = Zone(srv: [("localhost.mongodb", 27017)], txt: []);

        var error = await Assert.ThrowsAsync<MongoUrlException>(() => ResolveAsync("mongodb+srv://localhost", server));

        Assert.Contains("localhost.mongodb", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_name_option_names_the_srv_record()
    {
        string? asked = null;
        await using var server = new FakeDnsServer((query, _) =>
        {
            if (TypeOf(query) == DnsMessageBuilder.Srv)
                asked = NameOf(query);
            return Reply(query, TypeOf(query) == DnsMessageBuilder.Srv ? [("db1.cluster.example.com", 27017)] : [], []);
        });

        var url = await ResolveAsync("mongodb+srv://cluster.example.com/?srvServiceName=custom-db", server);

        Assert.Equal("_custom-db._tcp.cluster.example.com", asked);
        Assert.Equal([new MongoHost("db1.cluster.example.com", 27017)], url.Hosts);
    }

    [Fact]
    public async Task An_internationalized_srv_name_is_asked_and_compared_in_its_ascii_form()
    {
        string? asked = null;
        await using var server = new FakeDnsServer((query, _) =>
        {
            if (TypeOf(query) == DnsMessageBuilder.Srv)
                asked = NameOf(query);
            return Reply(query, TypeOf(query) == DnsMessageBuilder.Srv ? [("db1.xn--bcher-kva.example.com", 27017)] : [], []);
        });

        var url = await ResolveAsync("mongodb+srv://b%C3%BCcher.example.com", server);

        Assert.Equal("_mongodb._tcp.xn--bcher-kva.example.com", asked);
        Assert.Equal([new MongoHost("db1.xn--bcher-kva.example.com", 27017)], url.Hosts);
    }

    [Fact]
    public async Task Srv_max_hosts_picks_that_many_distinct_hosts_at_random()
    {
        (string, int)[] records = [.. Enumerable.Range(1, 5).Select(i => ($"db{i}.cluster.example.com", 27017))];
        await using var server = Zone(srv: records, txt: []);

        var picks = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            var url = await ResolveAsync("mongodb+srv://cluster.example.com/?srvMaxHosts=2", server);
            Assert.Equal(2, url.Hosts.Distinct().Count());
            Assert.All(url.Hosts, h => Assert.Contains((h.Host, h.Port), records));
            picks.Add(string.Join(",", url.Hosts.Select(h => h.Host).Order(StringComparer.Ordinal)));
        }
        Assert.True(picks.Count > 1, "twenty resolutions all picked the same hosts");
    }

    [Fact]
    public async Task Duplicate_srv_records_give_one_seed()
    {
        await using var server = Zone(srv: [("db1.cluster.example.com", 27017), ("DB1.cluster.example.com.", 27017)], txt: []);

        var url = await ResolveAsync("mongodb+srv://cluster.example.com", server);

        Assert.Equal([new MongoHost("db1.cluster.example.com", 27017)], url.Hosts);
    }

    [Fact]
    public async Task A_dns_failure_is_a_url_error_that_keeps_the_dns_error()
    {
        await using var server = new FakeDnsServer((query, _) => [DnsMessageBuilder.ReplyTo(query, DnsMessageBuilder.ServerFailure, 0).ToArray()]);

        var error = await Assert.ThrowsAsync<MongoUrlException>(() => ResolveAsync("mongodb+srv://u:secret@cluster.example.com", server));

        Assert.IsType<DnsException>(error.InnerException);
        Assert.Contains("ServerFailure", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Urls_that_need_no_discovery_are_returned_as_they_are()
    {
        await using var server = Zone(srv: [], txt: []);
        var plain = MongoUrl.Parse("mongodb://a.example.com");

        Assert.Same(plain, await SeedlistDiscovery.ResolveAsync(plain, new DnsClient([server.Endpoint], TimeSpan.FromSeconds(1)), CancellationToken.None));
        Assert.Equal(0, server.UdpQueries);
    }

    private static async Task<MongoUrl> ResolveAsync(string uri, FakeDnsServer server) =>
        await SeedlistDiscovery.ResolveAsync(MongoUrl.Parse(uri), new DnsClient([server.Endpoint], TimeSpan.FromSeconds(2)), CancellationToken.None);

    /// <summary>A server answering every SRV query with <paramref name="srv"/> and every TXT query with <paramref name="txt"/>.</summary>
    private static FakeDnsServer Zone((string Target, int Port)[] srv, string[] txt) =>
        new((query, _) => Reply(query, TypeOf(query) == DnsMessageBuilder.Srv ? srv : [], TypeOf(query) == DnsMessageBuilder.Txt ? txt : []));

    private static byte[][] Reply(byte[] query, (string Target, int Port)[] srv, string[] txt)
    {
        var reply = DnsMessageBuilder.ReplyTo(query, 0, srv.Length + txt.Length);
        foreach (var (target, port) in srv)
            reply.Record(b => b.Pointer(12), DnsMessageBuilder.Srv, DnsMessageBuilder.SrvData(0, 0, port, b => b.Name(target.TrimEnd('.'))));
        foreach (var text in txt)
            reply.Record(b => b.Pointer(12), DnsMessageBuilder.Txt, DnsMessageBuilder.TxtData(text));
        return [reply.ToArray()];
    }

    private static int TypeOf(byte[] query) => (query[^4] << 8) | query[^3];

    private static string NameOf(byte[] query)
    {
        var labels = new List<string>();
        for (var i = 12; query[i] != 0; i += query[i] + 1)
            labels.Add(System.Text.Encoding.ASCII.GetString(query, i + 1, query[i]));
        return string.Join('.', labels);
    }
}
