using System.Text.Json;
using Rayray.Mongo.Connection;
using Rayray.Testing;
using Xunit.Abstractions;

namespace Rayray.Mongo.Tests.Connection;

/// <summary>
/// Every vector of the initial DNS seedlist discovery specification
/// (../shared/spec/initial-dns-seedlist-discovery/{replica-set,sharded,load-balanced}/*.json),
/// resolved by <see cref="SeedlistDiscovery"/> against a dnsmasq serving the specification's test
/// zone (<see cref="TestZone"/>): the seeds (as a set; their number where srvMaxHosts picks at
/// random), the options after the TXT record and the implicit TLS, the user information and
/// database, and every error. Not checked: "hosts"/"numHosts", the topology a live deployment
/// reports once connected, and "ping", which needs a server; the seeds are what discovery
/// produces. Skipped vectors: none.
/// </summary>
public sealed class SeedlistDiscoveryVectorTests(DnsmasqFixture dnsmasq, ITestOutputHelper output) : IClassFixture<DnsmasqFixture>
{
    private static readonly string[] Folders = ["replica-set", "sharded", "load-balanced"];
    private static readonly HashSet<string> VectorKeys =
        ["uri", "seeds", "numSeeds", "hosts", "numHosts", "options", "parsed_options", "error", "comment", "ping"];

    public static TheoryData<string, string> Vectors
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var file in Folders.SelectMany(f => SpecVectors.Files($"initial-dns-seedlist-discovery/{f}")))
                data.Add(file, SpecVectors.Load(file).Text("uri")!);
            return data;
        }
    }

    [SharedCorpusFact]
    public void The_vectors_are_there_and_use_only_the_keys_these_tests_understand()
    {
        foreach (var folder in Folders)
        {
            var files = SpecVectors.Files($"initial-dns-seedlist-discovery/{folder}").ToList();
            Assert.NotEmpty(files);
            Assert.All(files.SelectMany(f => SpecVectors.Load(f).EnumerateObject()), p => Assert.Contains(p.Name, VectorKeys));
        }
    }

    [SeedlistVectorTheory]
    [MemberData(nameof(Vectors))]
    public async Task Vector(string file, string uri)
    {
        var vector = SpecVectors.Load(file);
        Assert.Equal(uri, vector.Text("uri"));
        var dns = dnsmasq.Client();

        if (vector.Flag("error") == true)
        {
            var error = await Assert.ThrowsAsync<MongoUrlException>(() => ResolveAsync(uri, dns));
            // Shown so a reader can match the reason with the vector's comment.
            output.WriteLine($"{vector.Text("comment")} -> {error.Message}");
            return;
        }

        var url = await ResolveAsync(uri, dns);
        Assert.False(url.NeedsSeedlistDiscovery);
        Assert.True(url.Warnings.Count == 0, $"unexpected warnings: {string.Join(" | ", url.Warnings)}");

        var seeds = url.Hosts.Select(h => $"{h.Host}:{h.Port}").ToList();
        if (vector.Optional("seeds") is { } expectedSeeds)
            Assert.Equal(expectedSeeds.EnumerateArray().Select(s => s.GetString()!).Order(StringComparer.Ordinal), seeds.Order(StringComparer.Ordinal));
        if (vector.Optional("numSeeds") is { } numSeeds)
            Assert.Equal(numSeeds.GetInt32(), seeds.Count);
        Assert.Equal(seeds.Count, seeds.Distinct().Count());

        if (vector.Optional("options") is { } options)
        {
            foreach (var option in options.EnumerateObject())
                OptionAssert.Matches(url, option.Name, option.Value, uri);
        }
        if (vector.Optional("parsed_options") is { } parsed)
        {
            foreach (var option in parsed.EnumerateObject())
                AssertParsedOption(url, option.Name, option.Value);
        }
    }

    private static async Task<MongoUrl> ResolveAsync(string uri, DnsClient dns) =>
        await SeedlistDiscovery.ResolveAsync(MongoUrl.Parse(uri), dns, CancellationToken.None);

    private static void AssertParsedOption(MongoUrl url, string name, JsonElement expected)
    {
        var actual = name switch
        {
            "user" => url.Username,
            "password" => url.Password,
            "db" or "auth_database" or "defaultDatabase" => url.Database,
            _ => throw new InvalidOperationException($"parsed option '{name}' is unknown to this test"),
        };
        Assert.Equal(expected.GetString(), actual);
    }
}
