namespace Rayray.Storage.Mongo;

/// <summary>
/// Keeps a connection string's password out of every message rayray prints or logs, in the form
/// typed (percent-encoded) and decoded. The driver parses the string; this only finds the password
/// in it, so a string the driver refuses is redacted too. Public for the CLI, which shows a
/// connection string in <c>rayray config</c>.
/// </summary>
public sealed class SecretRedaction
{
    private const string Mask = "***";
    private readonly string[] _secrets;

    private SecretRedaction(string[] secrets) => _secrets = secrets;

    public static SecretRedaction For(string uri)
    {
        var start = uri.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
            return new([]);
        start += 3;
        // The user information ends at the last '@' before the path or the options.
        var end = uri.IndexOfAny(['/', '?'], start) is var stop and >= 0 ? stop : uri.Length;
        var at = uri.LastIndexOf('@', end - 1, end - start);
        if (at < 0)
            return new([]);
        var userInfo = uri[start..at];
        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || colon == userInfo.Length - 1)
            return new([]);
        var password = userInfo[(colon + 1)..];
        string decoded;
        try
        {
            decoded = Uri.UnescapeDataString(password);
        }
        catch (UriFormatException)
        {
            decoded = password;
        }
        return new([.. new[] { password, decoded }.Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)]);
    }

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
            text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }
}
