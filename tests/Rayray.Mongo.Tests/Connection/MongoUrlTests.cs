using Rayray.Mongo.Connection;

namespace Rayray.Mongo.Tests.Connection;

/// <summary>What the specification vectors leave open: defaults, typed options, redaction, warnings and error messages.</summary>
public sealed class MongoUrlTests
{
    private const string Password = "Pa55w0rd";

    [Fact]
    public void A_plain_url_has_the_specification_defaults()
    {
        var url = MongoUrl.Parse("mongodb://Example.COM");

        Assert.Equal([new MongoHost("example.com", 27017)], url.Hosts);
        Assert.False(url.IsSrv);
        Assert.False(url.NeedsSeedlistDiscovery);
        Assert.False(url.Tls);
        Assert.False(url.TlsAllowInvalidCertificates);
        Assert.False(url.TlsAllowInvalidHostnames);
        Assert.Equal(TimeSpan.FromSeconds(10), url.ConnectTimeout);
        Assert.Null(url.SocketTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), url.ServerSelectionTimeout);
        Assert.Equal(100, url.MaxPoolSize);
        Assert.Equal("mongodb", url.SrvServiceName);
        Assert.Null(url.SrvMaxHosts);
        Assert.Null(url.DirectConnection);
        Assert.False(url.LoadBalanced);
        Assert.Null(url.Credential);
        Assert.Null(url.AuthSource);
        Assert.Null(url.AuthMechanism);
        Assert.Empty(url.Options);
        Assert.Empty(url.Warnings);
    }

    [Fact]
    public void A_srv_url_waits_for_discovery_and_has_tls_on_unless_turned_off()
    {
        var url = MongoUrl.Parse("mongodb+srv://Cluster0.Example.com/app");
        var plain = MongoUrl.Parse("mongodb+srv://cluster0.example.com/?tls=false");

        Assert.True(url.IsSrv);
        Assert.True(url.NeedsSeedlistDiscovery);
        Assert.Equal("cluster0.example.com", url.SrvHost);
        Assert.True(url.Tls);
        Assert.Equal("app", url.Database);
        Assert.False(plain.Tls);
    }

    [Fact]
    public void Typed_options_are_read_from_the_connection_string()
    {
        var url = MongoUrl.Parse(
            "mongodb://a.example.com:27018/?TLS=true&tlsCAFile=%2Fetc%2Fca.pem&tlsInsecure=true&connectTimeoutMS=0&socketTimeoutMS=2500"
            + "&serverSelectionTimeoutMS=1500&maxPoolSize=0&appName=rayray%20scan&replicaSet=rs0&directConnection=true");

        Assert.True(url.Tls);
        Assert.Equal("/etc/ca.pem", url.TlsCaFile);
        Assert.True(url.TlsAllowInvalidCertificates);
        Assert.True(url.TlsAllowInvalidHostnames);
        Assert.Equal(Timeout.InfiniteTimeSpan, url.ConnectTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), url.SocketTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), url.ServerSelectionTimeout);
        Assert.Equal(int.MaxValue, url.MaxPoolSize);
        Assert.Equal("rayray scan", url.AppName);
        Assert.Equal("rs0", url.ReplicaSet);
        Assert.True(url.DirectConnection);
        Assert.Equal("true", url.Options["tls"]);
    }

    [Fact]
    public void Scram_credentials_default_their_source_to_the_database_then_admin()
    {
        Assert.Equal("admin", MongoUrl.Parse("mongodb://u:p@h").AuthSource);
        Assert.Equal("photos", MongoUrl.Parse("mongodb://u:p@h/photos").AuthSource);
        Assert.Equal("users", MongoUrl.Parse("mongodb://u:p@h/photos?authSource=users").AuthSource);
        Assert.Equal("SCRAM-SHA-256", MongoUrl.Parse("mongodb://u:p@h/?authMechanism=scram-sha-256").AuthMechanism);
        Assert.Null(MongoUrl.Parse("mongodb://h/photos").Credential);
    }

    [Fact]
    public void Ipv6_literals_and_unix_sockets_are_hosts()
    {
        var url = MongoUrl.Parse("mongodb://[::1]:27018,%2Ftmp%2Fmongodb-27017.sock/db");

        Assert.Equal([new MongoHost("::1", 27018), new MongoHost("/tmp/mongodb-27017.sock", 0)], url.Hosts);
        Assert.Equal("[::1]:27018", url.Hosts[0].ToString());
        Assert.True(url.Hosts[1].IsUnixSocket);
        Assert.Equal("/tmp/mongodb-27017.sock", url.Hosts[1].ToString());
    }

    [Fact]
    public void The_redacted_form_hides_the_password_and_secret_options()
    {
        var url = MongoUrl.Parse($"mongodb://alice:{Password}@db.example.com/photos?tlsCertificateKeyFilePassword={Password}&w=majority");

        Assert.Equal("mongodb://alice:****@db.example.com/photos?tlsCertificateKeyFilePassword=****&w=majority", url.Redacted);
        Assert.Equal(url.Redacted, url.ToString());
        Assert.DoesNotContain(Password, url.Credential!.ToString(), StringComparison.Ordinal);
        Assert.Equal(Password, url.Password);
        Assert.Equal("mongodb://db.example.com", MongoUrl.Parse("mongodb://db.example.com").Redacted);
        Assert.Equal("mongodb://alice@db.example.com/", MongoUrl.Parse("mongodb://alice@db.example.com/").Redacted);
    }

    [Theory]
    [InlineData($"mongodb://alice:{Password}/x@localhost")]
    [InlineData($"mongodb://alice:{Password}@@localhost")]
    [InlineData($"mongodb://alice:{Password}:x@localhost")]
    [InlineData($"mongodb://alice:{Password}%@localhost")]
    [InlineData($"mongodb://alice:{Password}#@localhost")]
    [InlineData($"mongodb://alice:{Password}/db")]
    [InlineData($"mongodb://alice:{Password},b/db")]
    [InlineData($"mongodb://al?ice:{Password}@localhost")]
    [InlineData($"mongodb://alice:{Password}@localhost/?authMechanism=MONGODB-X509")]
    [InlineData($"mongodb://alice:{Password}@localhost/?authMechanism=MONGODB-AWS")]
    [InlineData($"mongodb://alice:{Password}@localhost/?authMechanism=MONGODB-OIDC&authMechanismProperties=ENVIRONMENT:test")]
    [InlineData($"mongodb://alice:{Password}@localhost/?authMechanism=NOPE")]
    [InlineData($"mongodb://alice:{Password}@localhost:0")]
    [InlineData($"mongodb://alice:{Password}@localhost/?tlsInsecure=true&tlsAllowInvalidHostnames=true")]
    [InlineData($"mongodb+srv://alice:{Password}@a.example.com:27017")]
    [InlineData($"mongodb://alice:{Password}@localhost/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:{Password}")]
    public void Error_messages_never_contain_the_password(string uri)
    {
        var error = Assert.Throws<MongoUrlException>(() => MongoUrl.Parse(uri));

        Assert.DoesNotContain(Password, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ignored_options_are_reported_as_warnings()
    {
        var url = MongoUrl.Parse("mongodb://h/?connectMS=5&connectTimeoutMS=soon&heartbeatFrequencyMS=100&journal=yes&replicaSet=a&replicaSet=b&readPreference=fastest");

        Assert.Collection(
            url.Warnings,
            w => Assert.Contains("'connectms'", w, StringComparison.Ordinal),
            w => Assert.Contains("connectTimeoutMS", w, StringComparison.Ordinal),
            w => Assert.Contains("heartbeatFrequencyMS", w, StringComparison.Ordinal),
            w => Assert.Contains("journal=true", w, StringComparison.Ordinal),
            w => Assert.Contains("more than once", w, StringComparison.Ordinal),
            w => Assert.Contains("readPreference", w, StringComparison.Ordinal));
        Assert.Equal(TimeSpan.FromSeconds(10), url.ConnectTimeout);
        Assert.Equal("b", url.ReplicaSet);
        Assert.Equal("yes", url.Options["journal"]);
        Assert.False(url.Options.ContainsKey("heartbeatfrequencyms"));
    }

    [Fact]
    public void A_malformed_element_of_auth_mechanism_properties_is_dropped_and_the_others_kept()
    {
        var url = MongoUrl.Parse("mongodb://localhost?authMechanism=MONGODB-OIDC&authMechanismProperties=TOKEN_RESOURCE:mongodb://host1%2Chost2,ENVIRONMENT:azure");

        Assert.Single(url.Warnings);
        Assert.Equal("mongodb://host1", url.AuthMechanismProperties["TOKEN_RESOURCE"]);
        Assert.Equal("azure", url.Credential!.MechanismProperties["environment"]);
    }

    [Theory]
    [InlineData("mongodb://h/?tls=true&ssl=false", "tls and ssl")]
    [InlineData("mongodb://h/?tls=true&tls=false", "tls and ssl")]
    [InlineData("mongodb://h/?tlsInsecure=true&tlsAllowInvalidHostnames=false", "tlsInsecure and tlsAllowInvalidHostnames")]
    [InlineData("mongodb://h/?tlsAllowInvalidCertificates=true&tlsDisableOCSPEndpointCheck=true", "tlsAllowInvalidCertificates and tlsDisableOCSPEndpointCheck")]
    [InlineData("mongodb://a,b/?directConnection=true", "directConnection=true needs exactly one host")]
    [InlineData("mongodb+srv://a.example.com/?directConnection=true", "mongodb+srv")]
    [InlineData("mongodb://a,b/?loadBalanced=true", "loadBalanced=true needs exactly one host")]
    [InlineData("mongodb://a/?loadBalanced=true&directConnection=true", "directConnection")]
    [InlineData("mongodb://a/?srvMaxHosts=2", "srvMaxHosts applies only to mongodb+srv")]
    [InlineData("mongodb://a/?srvServiceName=db", "srvServiceName applies only to mongodb+srv")]
    [InlineData("mongodb://a/?authSource=", "authSource")]
    [InlineData("mongodb://u:p@a/?authMechanism=MONGODB-CR", "Unsupported authMechanism")]
    [InlineData("mongodb://u:p@a/?authMechanismProperties=SERVICE_NAME:x", "takes no authMechanismProperties")]
    [InlineData("mongodb://a/my%20db", "database name")]
    [InlineData("mongodb://a/my$db", "database name")]
    [InlineData("mongodb://%2Ftmp%2Fmongodb", ".sock")]
    [InlineData("mongodb+srv://[::1]", "DNS name")]
    [InlineData("mongodb+srv://%2Ftmp%2Fm.sock", "DNS name")]
    [InlineData("mongodb://[::1", "closing")]
    [InlineData("mongodb://[zz]:1", "IPv6")]
    [InlineData("mongodb://a b", "not allowed in a host name")]
    [InlineData("mongodb://a,,b", "Host 2")]
    [InlineData("postgres://a", "'postgres'")]
    [InlineData("localhost:27017", "starts with mongodb://")]
    public void Contradictions_and_malformed_parts_are_errors_that_say_what_is_wrong(string uri, string expected)
    {
        var error = Assert.Throws<MongoUrlException>(() => MongoUrl.Parse(uri));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_seedlist_brings_hosts_and_txt_options_which_the_connection_string_overrides()
    {
        var url = MongoUrl.Parse("mongodb+srv://u:p@c.example.com/?authSource=fromUri&retryWrites=false");

        var resolved = url.WithSeedlist(
            [new MongoHost("a.example.com", 27017), new MongoHost("b.example.com", 27018)],
            new Dictionary<string, string> { ["replicaSet"] = "rs0", ["AUTHSOURCE"] = "fromTxt" });

        Assert.False(resolved.NeedsSeedlistDiscovery);
        Assert.True(resolved.IsSrv);
        Assert.Equal(2, resolved.Hosts.Count);
        Assert.Equal("rs0", resolved.ReplicaSet);
        Assert.Equal("fromUri", resolved.AuthSource);
        Assert.Equal("fromUri", resolved.Credential!.Source);
        Assert.Equal("false", resolved.Options["retrywrites"]);
        Assert.True(resolved.Tls);
        Assert.Equal(url.Redacted, resolved.Redacted);
    }

    [Fact]
    public void The_txt_record_may_set_only_three_options_and_its_values_are_checked_with_the_rest()
    {
        var url = MongoUrl.Parse("mongodb+srv://c.example.com/?authMechanism=MONGODB-X509");
        MongoHost[] hosts = [new("a.example.com", 27017)];

        var disallowed = Assert.Throws<MongoUrlException>(() => url.WithSeedlist(hosts, new Dictionary<string, string> { ["tls"] = "false" }));
        var wrongSource = Assert.Throws<MongoUrlException>(() => url.WithSeedlist(hosts, new Dictionary<string, string> { ["authSource"] = "admin" }));
        var ignored = url.WithSeedlist(hosts, new Dictionary<string, string> { ["loadBalanced"] = "maybe" });

        Assert.Contains("only authSource, replicaSet and loadBalanced", disallowed.Message, StringComparison.Ordinal);
        Assert.Contains("$external", wrongSource.Message, StringComparison.Ordinal);
        Assert.False(ignored.LoadBalanced);
        Assert.Single(ignored.Warnings);
        Assert.Throws<InvalidOperationException>(() => MongoUrl.Parse("mongodb://a").WithSeedlist(hosts, new Dictionary<string, string>()));
    }
}
