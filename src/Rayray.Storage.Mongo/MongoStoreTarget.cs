using System.Globalization;
using MongoDB.Driver;
using Rayray.Core.Storage;

namespace Rayray.Storage.Mongo;

/// <summary>
/// Where a MongoDB store lives, from its connection string, parsed by the driver: the client
/// settings, the database (the URI's, else "rayray"), the address to print — without the password
/// or any option, since <c>MongoUrl.ToString()</c> keeps the password — and the longest one
/// operation may take.
/// </summary>
public sealed class MongoStoreTarget
{
    /// <summary>How long one operation may take when the URI sets no <c>timeoutMS</c>: a stalled server must not hang a nightly scan.</summary>
    public static readonly TimeSpan DefaultOperationTimeout = TimeSpan.FromMinutes(5);

    private readonly MongoUrl _url;
    private readonly SecretRedaction _redaction;

    private MongoStoreTarget(MongoUrl url, SecretRedaction redaction, TimeSpan? operationTimeout)
    {
        _url = url;
        _redaction = redaction;
        OperationTimeout = operationTimeout;
    }

    /// <summary>For messages: <c>mongodb://user:***@host1:27017,host2:27017/db</c>.</summary>
    public string DisplayAddress => DescribeUrl(_url);

    public string Database => string.IsNullOrEmpty(_url.DatabaseName) ? MongoNames.DefaultDatabase : _url.DatabaseName;

    public string? Username => _url.Username;

    /// <summary>The limit on one operation (null: none): the URI's <c>timeoutMS</c>, which the driver itself ignores, else <see cref="DefaultOperationTimeout"/>.</summary>
    public TimeSpan? OperationTimeout { get; }

    /// <summary>Removes the connection string's password from a text, in every form it could take.</summary>
    public string Redact(string text) => _redaction.Redact(text);

    public static MongoStoreTarget Parse(string uri)
    {
        var redaction = SecretRedaction.For(uri);
        MongoUrl url;
        try
        {
            url = new MongoUrl(uri);
        }
        catch (Exception e) when (e is MongoConfigurationException or ArgumentException or FormatException)
        {
            // The driver's message hides the credentials but rarely says what is wrong: say where to look.
            throw new StoreException($"the MongoDB connection string is not valid: {redaction.Redact(e.Message)} " +
                "Check the scheme (mongodb:// or mongodb+srv://), host names and ports, the options, and that @ : / ? # [ ] % in the user name or password are percent-encoded.");
        }
        if (url.LoadBalanced)
            throw new StoreException("loadBalanced=true is not supported by rayray; connect to the replica set or mongos directly");
        return new MongoStoreTarget(url, redaction, TimeoutOption(uri));
    }

    public MongoClientSettings Settings()
    {
        var settings = MongoClientSettings.FromUrl(_url);
        settings.ApplicationName ??= "rayray";
        return settings;
    }

    /// <summary>
    /// <c>timeoutMS</c> (client-side operation timeout): MongoDB.Driver 3.14 accepts it and ignores it,
    /// so rayray reads it and applies it per operation as a cancellation. 0 means no limit.
    /// </summary>
    private static TimeSpan? TimeoutOption(string uri)
    {
        var query = uri.IndexOf('?', StringComparison.Ordinal) is var at and >= 0 ? uri[(at + 1)..] : "";
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = pair.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (pair[..eq], pair[(eq + 1)..]) : (pair, "");
            if (!name.Equals("timeoutMS", StringComparison.OrdinalIgnoreCase))
                continue;
            if (!long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds))
                throw new StoreException($"the MongoDB connection string is not valid: timeoutMS={value} is not a whole number of milliseconds");
            return milliseconds == 0 ? null : TimeSpan.FromMilliseconds(milliseconds);
        }
        return DefaultOperationTimeout;
    }

    private static string DescribeUrl(MongoUrl url)
    {
        var scheme = url.Scheme == MongoDB.Driver.Core.Configuration.ConnectionStringScheme.MongoDBPlusSrv ? "mongodb+srv" : "mongodb";
        var user = url.Username is { Length: > 0 } name ? Uri.EscapeDataString(name) + (url.Password is null ? "@" : ":***@") : "";
        var hosts = url.Scheme == MongoDB.Driver.Core.Configuration.ConnectionStringScheme.MongoDBPlusSrv
            ? url.Server.Host
            : string.Join(',', url.Servers.Select(s => $"{s.Host}:{s.Port.ToString(CultureInfo.InvariantCulture)}"));
        return $"{scheme}://{user}{hosts}/{(string.IsNullOrEmpty(url.DatabaseName) ? MongoNames.DefaultDatabase : url.DatabaseName)}";
    }
}
