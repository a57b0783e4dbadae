namespace Rayray.Mongo.Tests.Connection;

/// <summary>
/// The records of MongoDB's seedlist test zone, test.build.10gen.cc, as the initial DNS seedlist
/// discovery tests' README lists them, completed by what the vectors' seeds, options and errors
/// imply (the README lists one SRV record for test22, srv-service-name.json expects two seeds), in
/// dnsmasq's option syntax. test4 has no records at all; test6 has two TXT records; test11's TXT
/// record is split into three character-strings.
/// </summary>
internal static class TestZone
{
    public const string Domain = "test.build.10gen.cc";

    private static readonly (string Name, string Target, int Port)[] ServiceRecords =
    [
        ("_mongodb._tcp.test1", "localhost.test.build.10gen.cc", 27017),
        ("_mongodb._tcp.test1", "localhost.test.build.10gen.cc", 27018),
        ("_mongodb._tcp.test2", "localhost.test.build.10gen.cc", 27018),
        ("_mongodb._tcp.test2", "localhost.test.build.10gen.cc", 27019),
        ("_mongodb._tcp.test3", "localhost.test.build.10gen.cc", 27017),
        ("_mongodb._tcp.test5", "localhost.test.build.10gen.cc", 27017),
        ("_mongodb._tcp.test6", "localhost.test.build.10gen.cc", 27017),
        ("_mongodb._tcp.test7", "localhost.test.build.10gen.cc", 27017),
        ("_mongodb._tcp.test8", "localhost.test.build.10gen.cc", 27017),
        ("_mongodb._tcp.test10", "localhost.test.build.10gen.cc", 27017),
        ("_mongodb._tcp.test11", "localhost.test.build.10gen.cc", 27017),
        ("_mongodb._tcp.test12", "localhost.build.10gen.cc", 27017),
        ("_mongodb._tcp.test13", "test.build.10gen.cc", 27017),
        ("_mongodb._tcp.test14", "localhost.not-test.build.10gen.cc", 27017),
        ("_mongodb._tcp.test15", "localhost.test.not-build.10gen.cc", 27017),
        ("_mongodb._tcp.test16", "localhost.test.build.not-10gen.cc", 27017),
        ("_mongodb._tcp.test17", "localhost.test.build.10gen.not-cc", 27017),
        ("_mongodb._tcp.test18", "localhost.sub.test.build.10gen.cc", 27017),
        ("_mongodb._tcp.test19", "localhost.evil.build.10gen.cc", 27017),
        ("_mongodb._tcp.test19", "localhost.test.build.10gen.cc", 27017),
        ("_mongodb._tcp.test20", "localhost.test.build.10gen.cc", 27017),
        ("_mongodb._tcp.test21", "localhost.test.build.10gen.cc", 27017),
        ("_customname._tcp.test22", "localhost.test.build.10gen.cc", 27017),
        ("_customname._tcp.test22", "localhost.test.build.10gen.cc", 27018),
        ("_mongodb._tcp.test23", "localhost.test.build.10gen.cc", 8000),
        ("_mongodb._tcp.test24", "localhost.test.build.10gen.cc", 8000),
    ];

    private static readonly (string Name, string[] Strings)[] TextRecords =
    [
        ("test5", ["replicaSet=repl0&authSource=thisDB"]),
        ("test6", ["replicaSet=repl0"]),
        ("test6", ["authSource=otherDB"]),
        ("test7", ["ssl=false"]),
        ("test8", ["authSource"]),
        ("test10", ["socketTimeoutMS=500"]),
        ("test11", ["replicaS", "et=rep", "l0"]),
        ("test20", ["loadBalanced=true"]),
        ("test21", ["loadBalanced=false"]),
        ("test24", ["loadBalanced=true"]),
    ];

    /// <summary>
    /// dnsmasq arguments serving the zone (each TXT character-string after a comma, unquoted: given
    /// directly rather than through a shell, quotes would be part of the text). The whole of 10gen.cc is local, so names outside the zone
    /// get NXDOMAIN rather than a refusal, as from the real zone.
    /// </summary>
    public static IEnumerable<string> DnsmasqArguments()
    {
        yield return "--local=/10gen.cc/";
        yield return "--host-record=localhost.test.build.10gen.cc,127.0.0.1";
        yield return "--host-record=localhost.sub.test.build.10gen.cc,127.0.0.1";
        foreach (var (name, target, port) in ServiceRecords)
            yield return $"--srv-host={name}.{Domain},{target},{port}";
        foreach (var (name, strings) in TextRecords)
            yield return $"--txt-record={name}.{Domain},{string.Join(',', strings)}";
    }
}
