using Rayray.Core.Storage;
using Rayray.Storage.Mongo;
using Rayray.Testing;

namespace Rayray.Tests.Storage;

/// <summary>
/// The contract suite over the MongoDB store, talking to the in-memory wire-protocol peer
/// (tests/Rayray.Testing/MongoPeer). The peer is not MongoDB, so the same suite also runs against a
/// real server in <see cref="MongoMediaStoreOnServerTests"/> whenever RAYRAY_TEST_MONGO_URI is set.
/// </summary>
public sealed class MongoMediaStoreOnPeerTests : MediaStoreContract
{
    private MongoPeer? _peer;

    /// <summary>Under CI the peer must be there (a missing one fails); elsewhere its absence skips the suite, visibly.</summary>
    public static string? SkipReason =>
        MongoPeer.WhyUnavailable is { } problem && !ExternalTool.IsCi ? $"needs the MongoDB test peer: {problem} (CI installs python3-mockupdb)" : null;

    protected override async Task<IMediaStore> OpenAsync()
    {
        _peer ??= await MongoPeer.StartAsync();
        var store = MongoMediaStore.Open(_peer.Uri());
        await store.InitializeAsync(default);
        return store;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_peer is not null)
            await _peer.DisposeAsync();
    }
}

/// <summary>The contract suite against a real MongoDB deployment, when RAYRAY_TEST_MONGO_URI names one (see docs/mongodb.md).</summary>
public sealed class MongoMediaStoreOnServerTests : MediaStoreContract
{
    public const string Variable = "RAYRAY_TEST_MONGO_URI";
    private string? _database;

    public static string? SkipReason =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable))
            ? $"set {Variable} to a MongoDB deployment to run the contract suite against it (docs/mongodb.md)"
            : null;

    protected override async Task<IMediaStore> OpenAsync()
    {
        var uri = Environment.GetEnvironmentVariable(Variable)!;
        _database ??= "rayray_contract_" + Guid.NewGuid().ToString("N")[..12];
        var store = MongoMediaStore.Open(MongoTestUris.WithDatabase(uri, _database));
        await store.InitializeAsync(default);
        return store;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null && Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } uri)
            await MongoTestUris.DropDatabaseAsync(MongoTestUris.WithDatabase(uri, _database));
    }
}

/// <summary>A test database per run on a real server, dropped afterwards.</summary>
internal static class MongoTestUris
{
    /// <summary>The URI with its database path replaced (options and credentials kept).</summary>
    public static string WithDatabase(string uri, string database)
    {
        var schemeEnd = uri.IndexOf("://", StringComparison.Ordinal) + 3;
        var query = uri.IndexOf('?', schemeEnd);
        var hostsEnd = uri.IndexOf('/', schemeEnd);
        var end = query < 0 ? uri.Length : query;
        var authority = hostsEnd < 0 || hostsEnd > end ? uri[..end] : uri[..hostsEnd];
        return authority + "/" + database + (query < 0 ? "" : uri[query..]);
    }

    public static async Task DropDatabaseAsync(string uri)
    {
        var target = MongoStoreTarget.Parse(uri);
        using var client = new MongoDB.Driver.MongoClient(target.Settings());
        await client.DropDatabaseAsync(target.Database);
    }
}
