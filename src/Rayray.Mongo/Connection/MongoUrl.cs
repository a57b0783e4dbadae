namespace Rayray.Mongo.Connection;

/// <summary>
/// A parsed and validated MongoDB connection string (connection string, URI options,
/// authentication and initial DNS seedlist discovery specifications). A mongodb+srv:// URL holds
/// the SRV name until <see cref="SeedlistDiscovery"/> has looked up its hosts; see
/// <see cref="NeedsSeedlistDiscovery"/>. <see cref="ToString"/> is <see cref="Redacted"/>.
/// </summary>
public sealed record MongoUrl
{
    public const int DefaultPort = 27017;
    public const string DefaultSrvServiceName = "mongodb";
    private const int DefaultMaxPoolSize = 100;
    private static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DefaultServerSelectionTimeout = TimeSpan.FromSeconds(30);
    private static readonly string[] TxtRecordOptions = ["authsource", "replicaset", "loadbalanced"];

    private readonly ConnectionStringParts _parts;
    private readonly IReadOnlyDictionary<string, string> _uriOptions;

    private MongoUrl(
        ConnectionStringParts parts,
        IReadOnlyList<MongoHost> hosts,
        IReadOnlyDictionary<string, string> uriOptions,
        IReadOnlyDictionary<string, string> options,
        IReadOnlyList<string> warnings,
        bool needsSeedlistDiscovery)
    {
        _parts = parts;
        _uriOptions = uriOptions;
        IsSrv = parts.IsSrv;
        SrvHost = parts.IsSrv ? parts.Hosts[0].Host : null;
        NeedsSeedlistDiscovery = needsSeedlistDiscovery;
        Hosts = hosts;
        Username = parts.Username;
        Password = parts.Password;
        Database = parts.Database;
        Options = options;
        Warnings = warnings;
        Redacted = parts.Redacted;

        OptionCombinationRules.Validate(IsSrv, hosts.Count, options);

        AuthMechanismProperties = (options.TryGetValue("authmechanismproperties", out var properties)
            ? UriOptionValues.ParseKeyValuePairs(properties, out _)
            : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)).AsReadOnly();
        Credential = CredentialRules.Build(parts.UserInfoGiven, Username, Password, Database, options, AuthMechanismProperties);
        AuthSource = Credential?.Source ?? options.GetValueOrDefault("authsource");
        AuthMechanism = Credential?.Mechanism;

        ReplicaSet = options.GetValueOrDefault("replicaset");
        Tls = Boolean("tls") ?? Boolean("ssl") ?? IsSrv;
        TlsCaFile = options.GetValueOrDefault("tlscafile");
        TlsInsecure = Boolean("tlsinsecure") ?? false;
        TlsAllowInvalidCertificates = TlsInsecure || (Boolean("tlsallowinvalidcertificates") ?? false);
        TlsAllowInvalidHostnames = TlsInsecure || (Boolean("tlsallowinvalidhostnames") ?? false);
        ConnectTimeout = Integer("connecttimeoutms") switch
        {
            null => DefaultConnectTimeout,
            0 => System.Threading.Timeout.InfiniteTimeSpan,
            var ms => TimeSpan.FromMilliseconds(ms.Value),
        };
        SocketTimeout = Integer("sockettimeoutms") is { } socketMs and > 0 ? TimeSpan.FromMilliseconds(socketMs) : null;
        ServerSelectionTimeout = Integer("serverselectiontimeoutms") is { } selectionMs ? TimeSpan.FromMilliseconds(selectionMs) : DefaultServerSelectionTimeout;
        AppName = options.GetValueOrDefault("appname");
        DirectConnection = Boolean("directconnection");
        LoadBalanced = Boolean("loadbalanced") ?? false;
        MaxPoolSize = Integer("maxpoolsize") switch
        {
            null => DefaultMaxPoolSize,
            0 => int.MaxValue,
            var size => (int)size.Value,
        };
        SrvMaxHosts = Integer("srvmaxhosts") is { } maxHosts ? (int)maxHosts : null;
        SrvServiceName = options.GetValueOrDefault("srvservicename") ?? DefaultSrvServiceName;
    }

    /// <summary>Whether the scheme is mongodb+srv://; stays true after <see cref="WithSeedlist"/>.</summary>
    public bool IsSrv { get; }

    /// <summary>The host name of a mongodb+srv:// URL (lowercased), whose SRV and TXT records give the hosts and default options.</summary>
    public string? SrvHost { get; }

    /// <summary>True for a mongodb+srv:// URL until <see cref="WithSeedlist"/> (through <see cref="SeedlistDiscovery"/>) has supplied its hosts.</summary>
    public bool NeedsSeedlistDiscovery { get; }

    /// <summary>The seeds: host names lowercased, IPv6 literals without brackets, UNIX socket paths with <see cref="MongoHost.Port"/> 0. Before seedlist discovery, the SRV name on the default port.</summary>
    public IReadOnlyList<MongoHost> Hosts { get; }

    /// <summary>Percent-decoded; empty (not null) when the string has an '@' with nothing before it.</summary>
    public string? Username { get; }

    /// <summary>Percent-decoded; null when there is no ':' in the user information.</summary>
    public string? Password { get; }

    /// <summary>The database after the hosts, percent-decoded; null when there is none.</summary>
    public string? Database { get; }

    /// <summary>
    /// The valid options, keys lowercased (ASCII letters only), values percent-decoded as written. An
    /// option given more than once keeps its last value. After seedlist discovery, the TXT record's
    /// options are included, those of the connection string taking precedence.
    /// </summary>
    public IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>What was ignored: unknown options, invalid values, repeated keys, deprecated spellings.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The credential to authenticate with, or null when the URL asks for no authentication.</summary>
    public MongoUrlCredential? Credential { get; }

    /// <summary>authMechanismProperties as pairs, keys compared case-insensitively; empty when absent.</summary>
    public IReadOnlyDictionary<string, string> AuthMechanismProperties { get; }

    public string? ReplicaSet { get; }

    /// <summary>tls (or its alias ssl); when neither is given, on for mongodb+srv:// and off otherwise. Other tls* options do not turn TLS on.</summary>
    public bool Tls { get; }

    public string? TlsCaFile { get; }

    /// <summary>tlsInsecure: relax every certificate check (it implies both properties below).</summary>
    public bool TlsInsecure { get; }

    /// <summary>tlsAllowInvalidCertificates, or implied by tlsInsecure.</summary>
    public bool TlsAllowInvalidCertificates { get; }

    /// <summary>tlsAllowInvalidHostnames, or implied by tlsInsecure.</summary>
    public bool TlsAllowInvalidHostnames { get; }

    /// <summary>The credential's source (per mechanism: authSource, else the database, else admin for SCRAM); without a credential, the authSource option.</summary>
    public string? AuthSource { get; }

    /// <summary>The canonical mechanism name, or null to negotiate SCRAM.</summary>
    public string? AuthMechanism { get; }

    /// <summary>connectTimeoutMS; 10 s by default, <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for 0.</summary>
    public TimeSpan ConnectTimeout { get; }

    /// <summary>socketTimeoutMS; null (no timeout) by default and for 0.</summary>
    public TimeSpan? SocketTimeout { get; }

    /// <summary>serverSelectionTimeoutMS; 30 s by default.</summary>
    public TimeSpan ServerSelectionTimeout { get; }

    public string? AppName { get; }
    public bool? DirectConnection { get; }
    public bool LoadBalanced { get; }

    /// <summary>maxPoolSize; 100 by default, <see cref="int.MaxValue"/> for 0 ("no maximum").</summary>
    public int MaxPoolSize { get; }

    public int? SrvMaxHosts { get; }

    /// <summary>srvServiceName; "mongodb" by default.</summary>
    public string SrvServiceName { get; }

    /// <summary>The connection string with the password (and secret option values) replaced by "****".</summary>
    public string Redacted { get; }

    /// <summary>Parses and validates a connection string; throws <see cref="MongoUrlException"/> saying what is wrong.</summary>
    public static MongoUrl Parse(string uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var parts = ConnectionStringParser.Parse(uri);
        var warnings = new List<string>();
        var options = UriOptionReader.Read(parts.Options, warnings).AsReadOnly();
        return new MongoUrl(parts, parts.Hosts, options, options, warnings.AsReadOnly(), needsSeedlistDiscovery: parts.IsSrv);
    }

    /// <summary>
    /// This mongodb+srv:// URL with the hosts its SRV records name and the options of its TXT
    /// record (only authSource, replicaSet and loadBalanced are allowed there; the connection
    /// string's own options win). Every rule is checked again with the complete picture.
    /// </summary>
    public MongoUrl WithSeedlist(IReadOnlyList<MongoHost> hosts, IReadOnlyDictionary<string, string> txtOptions)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(txtOptions);
        if (!IsSrv)
            throw new InvalidOperationException("Only a mongodb+srv:// URL takes a seedlist.");
        if (hosts.Count == 0)
            throw new ArgumentException("The seedlist needs at least one host.", nameof(hosts));

        var txtPairs = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in txtOptions)
        {
            var lowered = AsciiCase.ToLower(key);
            if (!TxtRecordOptions.Contains(lowered, StringComparer.Ordinal))
                throw new MongoUrlException($"The TXT record of {SrvHost} sets '{key}'; a TXT record may set only authSource, replicaSet and loadBalanced.");
            txtPairs.Add(new(lowered, value));
        }
        var warnings = new List<string>(Warnings);
        var options = UriOptionReader.Read(txtPairs, warnings);
        foreach (var (key, value) in _uriOptions)
            options[key] = value;
        return new MongoUrl(_parts, hosts.ToArray().AsReadOnly(), _uriOptions, options.AsReadOnly(), warnings.AsReadOnly(), needsSeedlistDiscovery: false);
    }

    public override string ToString() => Redacted;

    private bool? Boolean(string key) =>
        Options.TryGetValue(key, out var value) ? UriOptionValues.ParseBoolean(value) : null;

    private long? Integer(string key) =>
        Options.TryGetValue(key, out var value) ? UriOptionValues.ParseInteger(value) : null;
}
