using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Rayray.Mongo.Connection;

/// <summary>
/// Takes a connection string apart following the connection string specification: scheme,
/// user information, hosts, auth database and options. Error messages never repeat text that may
/// be the password.
/// </summary>
internal static class ConnectionStringParser
{
    public const string Scheme = "mongodb";
    public const string SrvScheme = "mongodb+srv";
    private const string SchemeSeparator = "://";
    private const string Mask = "****";

    /// <summary>Characters RFC 3986 allows unencoded in user information besides letters, digits and ':'.</summary>
    private const string UserInfoSymbols = "-._~!$&'()*+,;=";

    /// <summary>What MongoDB does not allow in a database name, once decoded.</summary>
    private static readonly SearchValues<char> ForbiddenDatabaseCharacters = SearchValues.Create("/\\ \"$");

    /// <summary>Option values that are secrets and must not appear in <see cref="ConnectionStringParts.Redacted"/>.</summary>
    private static readonly HashSet<string> SecretOptions = new(StringComparer.Ordinal)
    {
        "tlscertificatekeyfilepassword",
        "proxypassword",
    };

    public static ConnectionStringParts Parse(string uri)
    {
        if (string.IsNullOrEmpty(uri))
            throw new MongoUrlException("The connection string is empty.");

        var schemeEnd = uri.IndexOf(SchemeSeparator, StringComparison.Ordinal);
        if (schemeEnd < 0)
            throw new MongoUrlException($"A connection string starts with {Scheme}{SchemeSeparator} or {SrvScheme}{SchemeSeparator}.");
        var scheme = uri[..schemeEnd];
        var isSrv = string.Equals(scheme, SrvScheme, StringComparison.OrdinalIgnoreCase);
        if (!isSrv && !string.Equals(scheme, Scheme, StringComparison.OrdinalIgnoreCase))
        {
            var shown = scheme.Length <= 20 && scheme.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.') ? $" '{scheme}'" : "";
            throw new MongoUrlException($"Unsupported scheme{shown}: a connection string starts with {Scheme}{SchemeSeparator} or {SrvScheme}{SchemeSeparator}.");
        }

        // The host information ends at the first '/' or '?' (the slash before options is optional).
        var rest = uri[(schemeEnd + SchemeSeparator.Length)..];
        var hostInfoEnd = rest.IndexOfAny(['/', '?']);
        var hostInfo = hostInfoEnd < 0 ? rest : rest[..hostInfoEnd];
        var afterHostInfo = hostInfoEnd < 0 ? "" : rest[hostInfoEnd..];

        string? rawDatabase = null;
        string? rawQuery = null;
        if (afterHostInfo.StartsWith('/'))
        {
            var queryStart = afterHostInfo.IndexOf('?', StringComparison.Ordinal);
            rawDatabase = queryStart < 0 ? afterHostInfo[1..] : afterHostInfo[1..queryStart];
            rawQuery = queryStart < 0 ? null : afterHostInfo[(queryStart + 1)..];
        }
        else if (afterHostInfo.StartsWith('?'))
        {
            rawQuery = afterHostInfo[1..];
        }

        // An '@' after the hosts' end (before the options) means the user information had an
        // unencoded '/': the password may be on either side, so this is reported before anything else.
        if (rawDatabase is not null && rawDatabase.Contains('@', StringComparison.Ordinal))
            throw new MongoUrlException("The connection string has an '@' after the first '/': a '/' in the username or password must be percent-encoded as %2F (and an '@' as %40).");

        var at = hostInfo.LastIndexOf('@');
        var userInfoGiven = at >= 0;
        string? username = null, password = null, rawUsername = null;
        if (userInfoGiven)
            (username, password, rawUsername) = ParseUserInfo(hostInfo[..at]);
        var rawHosts = userInfoGiven ? hostInfo[(at + 1)..] : hostInfo;

        var hosts = ParseHosts(rawHosts, isSrv, afterHostInfo.StartsWith('/'));
        var database = ParseDatabase(rawDatabase);
        var options = ParseOptions(rawQuery, userInfoGiven);

        var redacted = new StringBuilder();
        redacted.Append(scheme).Append(SchemeSeparator);
        if (userInfoGiven)
        {
            redacted.Append(rawUsername);
            if (password is not null)
                redacted.Append(':').Append(Mask);
            redacted.Append('@');
        }
        redacted.Append(rawHosts);
        if (rawDatabase is not null)
            redacted.Append('/').Append(rawDatabase);
        if (rawQuery is not null)
            redacted.Append('?').Append(RedactQuery(rawQuery));

        return new ConnectionStringParts(isSrv, hosts.AsReadOnly(), userInfoGiven, username, password, database, options.AsReadOnly(), redacted.ToString());
    }

    private static (string Username, string? Password, string RawUsername) ParseUserInfo(string userInfo)
    {
        const string Advice = "the username and password must be percent-encoded";
        if (userInfo.Contains('@', StringComparison.Ordinal))
            throw new MongoUrlException($"The user information has an unencoded '@': {Advice} ('@' as %40).");
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0 && userInfo.IndexOf(':', colon + 1) >= 0)
            throw new MongoUrlException($"The user information has more than one ':': {Advice} (':' as %3A).");
        if (!PercentEncoding.HasOnlyValidEscapes(userInfo))
            throw new MongoUrlException($"The user information has a '%' that does not start a %XX escape: {Advice} ('%' as %25).");
        foreach (var c in userInfo)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != ':' && c != '%' && !UserInfoSymbols.Contains(c, StringComparison.Ordinal) && char.IsAscii(c))
                throw new MongoUrlException($"The user information has a character that must be percent-encoded: {Advice}.");
        }

        var rawUsername = colon < 0 ? userInfo : userInfo[..colon];
        var rawPassword = colon < 0 ? null : userInfo[(colon + 1)..];
        if (!PercentEncoding.TryDecode(rawUsername, out var username))
            throw new MongoUrlException("The username is not valid UTF-8 once percent-decoded.");
        string? password = null;
        if (rawPassword is not null && !PercentEncoding.TryDecode(rawPassword, out password))
            throw new MongoUrlException("The password is not valid UTF-8 once percent-decoded.");
        return (username, password, rawUsername);
    }

    private static List<MongoHost> ParseHosts(string rawHosts, bool isSrv, bool slashFollows)
    {
        if (rawHosts.Length == 0)
        {
            throw new MongoUrlException(slashFollows
                ? "The connection string names no host before the first '/'; a UNIX domain socket path must be percent-encoded ('/' as %2F)."
                : "The connection string names no host.");
        }

        var identifiers = rawHosts.Split(',');
        if (isSrv && identifiers.Length != 1)
            throw new MongoUrlException($"A {SrvScheme}{SchemeSeparator} connection string names exactly one host, the SRV name; this one names {identifiers.Length}.");
        var hosts = new List<MongoHost>(identifiers.Length);
        for (var i = 0; i < identifiers.Length; i++)
            hosts.Add(ParseHost(identifiers[i], i + 1, isSrv));
        return hosts;
    }

    private static MongoHost ParseHost(string identifier, int position, bool isSrv)
    {
        if (identifier.Length == 0)
            throw new MongoUrlException($"Host {position} of the connection string is empty.");

        if (identifier.StartsWith('['))
        {
            if (isSrv)
                throw new MongoUrlException($"The host of a {SrvScheme}{SchemeSeparator} connection string is a DNS name, not an IP address.");
            var close = identifier.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
                throw new MongoUrlException($"Host {position} starts an IP literal with '[' but has no closing ']'.");
            var literal = identifier[1..close];
            if (!IPAddress.TryParse(literal, out var address) || address.AddressFamily != AddressFamily.InterNetworkV6)
                throw new MongoUrlException($"Host {position}, [{literal}], is not an IPv6 address.");
            var afterLiteral = identifier[(close + 1)..];
            if (afterLiteral.Length == 0)
                return new MongoHost(literal.ToLowerInvariant(), MongoUrl.DefaultPort);
            if (afterLiteral[0] != ':')
                throw new MongoUrlException($"Host {position}, [{literal}], is followed by something other than ':' and a port.");
            return new MongoHost(literal.ToLowerInvariant(), ParsePort(afterLiteral[1..], $"[{literal}]"));
        }

        if (!PercentEncoding.TryDecode(identifier, out var decoded))
            throw new MongoUrlException($"Host {position} has a '%' that does not start a %XX escape, or is not UTF-8 once decoded.");

        if (decoded.Contains('/', StringComparison.Ordinal))
        {
            if (isSrv)
                throw new MongoUrlException($"The host of a {SrvScheme}{SchemeSeparator} connection string is a DNS name, not a UNIX domain socket.");
            if (!decoded.EndsWith(".sock", StringComparison.Ordinal))
                throw new MongoUrlException($"Host {position}, '{decoded}', looks like a UNIX domain socket path (it has a '/'), but such paths must end in .sock.");
            return new MongoHost(decoded, 0);
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? decoded : decoded[..colon];
        if (name.Length == 0)
            throw new MongoUrlException($"Host {position} has a port but no host name.");
        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '@' or '[' or ']' or '\\' or '#' or '?' or '%')
                throw new MongoUrlException($"Host {position}, '{name}', contains a character that is not allowed in a host name.");
        }
        if (colon < 0)
            return new MongoHost(name.ToLowerInvariant(), MongoUrl.DefaultPort);
        if (isSrv)
            throw new MongoUrlException($"A {SrvScheme}{SchemeSeparator} host takes no port: the ports come from the SRV records.");
        return new MongoHost(name.ToLowerInvariant(), ParsePort(decoded[(colon + 1)..], name));
    }

    /// <summary>The port text is not shown in the message: when the user information lacks its '@', it may be the password.</summary>
    private static int ParsePort(string text, string host)
    {
        if (text.Length is > 0 and <= 5
            && text.All(char.IsAsciiDigit)
            && int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) is var port and >= 1 and <= 65535)
        {
            return port;
        }
        throw new MongoUrlException($"The port of host {host} is not a number from 1 to 65535.");
    }

    private static string? ParseDatabase(string? rawDatabase)
    {
        if (string.IsNullOrEmpty(rawDatabase))
            return null;
        if (!PercentEncoding.TryDecode(rawDatabase, out var database))
            throw new MongoUrlException("The database name has a '%' that does not start a %XX escape, or is not UTF-8 once decoded.");
        var forbidden = database.AsSpan().IndexOfAny(ForbiddenDatabaseCharacters);
        if (forbidden >= 0)
            throw new MongoUrlException($"The database name '{database}' contains '{database[forbidden]}', which MongoDB does not allow in database names.");
        return database;
    }

    private static List<KeyValuePair<string, string>> ParseOptions(string? rawQuery, bool userInfoGiven)
    {
        var options = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrEmpty(rawQuery))
            return options;
        var position = 0;
        foreach (var pair in rawQuery.Split('&'))
        {
            position++;
            if (pair.Length == 0)
                continue;
            // Without an '@' before the hosts, an '@' here may belong to user information that had an
            // unencoded '?': then the text is not repeated, it may hold the password.
            var shown = !userInfoGiven && pair.Contains('@', StringComparison.Ordinal) ? $"#{position}" : $"'{pair}'";
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                throw new MongoUrlException($"Option {shown} is not of the form key=value.");
            if (!PercentEncoding.TryDecode(pair[..equals], out var key))
                throw new MongoUrlException($"The name of option {shown} has a '%' that does not start a %XX escape.");
            key = AsciiCase.ToLower(key);
            if (!PercentEncoding.TryDecode(pair[(equals + 1)..], out var value))
                throw new MongoUrlException($"The value of option '{key}' has a '%' that does not start a %XX escape, or is not UTF-8 once decoded.");
            options.Add(new(key, value));
        }
        return options;
    }

    private static string RedactQuery(string rawQuery) =>
        string.Join('&', rawQuery.Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !PercentEncoding.TryDecode(pair[..equals], out var key) || !SecretOptions.Contains(AsciiCase.ToLower(key)))
                return pair;
            return $"{pair[..(equals + 1)]}{Mask}";
        }));
}
