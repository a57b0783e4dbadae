using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Rayray.Mongo.Connection;
using Rayray.Testing;

namespace Rayray.Mongo.Tests.Connection;

/// <summary>
/// Every vector of the connection string specification (../shared/spec/connection-string/*.json)
/// through <see cref="MongoUrl.Parse"/>, one theory case per vector: valid ones must give the hosts
/// (type, host, port), user information, database, options (keys case-insensitive, values of the
/// vector's JSON type) and warnings the vector lists; invalid ones must throw
/// <see cref="MongoUrlException"/>. A vector whose "warning" is false must produce no warning.
/// Skipped vectors: none.
/// </summary>
public sealed class ConnectionStringVectorTests
{
    private static readonly HashSet<string> TestKeys = ["description", "uri", "valid", "warning", "hosts", "auth", "options"];

    public static TheoryData<string, int, string> Vectors => SpecVectors.TestsOf(SpecVectors.Files("connection-string"));

    [SharedCorpusFact]
    public void The_vectors_are_there_and_use_only_the_keys_these_tests_understand()
    {
        var files = SpecVectors.Files("connection-string").ToList();
        Assert.Contains("connection-string/invalid-uris.json", files);
        Assert.Contains("connection-string/valid-warnings.json", files);
        foreach (var file in files)
            Assert.All(SpecVectors.Load(file).GetProperty("tests").EnumerateArray().SelectMany(t => t.EnumerateObject()), p => Assert.Contains(p.Name, TestKeys));
    }

    [SharedCorpusTheory]
    [MemberData(nameof(Vectors))]
    public void Vector(string file, int index, string description)
    {
        var test = SpecVectors.Test(file, index);
        Assert.Equal(description, test.Text("description"));
        var uri = test.Text("uri")!;

        if (test.Flag("valid") == false)
        {
            Assert.Throws<MongoUrlException>(() => MongoUrl.Parse(uri));
            return;
        }

        var url = MongoUrl.Parse(uri);
        switch (test.Flag("warning"))
        {
            case true:
                Assert.NotEmpty(url.Warnings);
                break;
            case false:
                Assert.True(url.Warnings.Count == 0, $"unexpected warnings: {string.Join(" | ", url.Warnings)}");
                break;
        }

        if (test.Optional("hosts") is { } hosts)
        {
            var expected = hosts.EnumerateArray().ToList();
            Assert.Equal(expected.Count, url.Hosts.Count);
            for (var i = 0; i < expected.Count; i++)
                AssertHost(expected[i], url.Hosts[i]);
        }

        if (test.Optional("auth") is { } auth)
        {
            Assert.Equal(auth.Text("username"), url.Username);
            Assert.Equal(auth.Text("password"), url.Password);
            Assert.Equal(auth.Text("db"), url.Database);
        }

        if (test.Optional("options") is { } options)
        {
            foreach (var option in options.EnumerateObject())
                OptionAssert.Matches(url, option.Name, option.Value, description);
        }
    }

    private static void AssertHost(JsonElement expected, MongoHost actual)
    {
        Assert.Equal(expected.Text("host"), actual.Host);
        if (expected.Optional("port") is { } port)
            Assert.Equal(port.GetInt32(), actual.Port);
        if (expected.Text("type") is { } type)
            Assert.Equal(type, KindOf(actual));
    }

    /// <summary>The vectors' host types, told apart the way <see cref="MongoHost"/> represents them.</summary>
    private static string KindOf(MongoHost host)
    {
        if (host.IsUnixSocket)
            return "unix";
        if (host.Host.Contains(':', StringComparison.Ordinal))
            return "ip_literal";
        return IPAddress.TryParse(host.Host, out var address)
            && address.AddressFamily == AddressFamily.InterNetwork
            && host.Host.Count(c => c == '.') == 3
                ? "ipv4"
                : "hostname";
    }
}
