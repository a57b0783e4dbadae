using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Rayray.Core.Web;

/// <summary>
/// A file on the web (http or https). <see cref="Location"/> is the URL without user name, password
/// and fragment: what is stored, logged and printed. A user name and password given in the URL
/// (<c>https://user:pass@host/…</c>) are kept only here, for Basic authentication, and never shown.
/// </summary>
public sealed class WebAddress
{
    private WebAddress(Uri uri, string? basicCredentials)
    {
        Uri = uri;
        Location = uri.AbsoluteUri;
        BasicCredentials = basicCredentials;
        var segment = uri.Segments.Length > 0 ? uri.Segments[^1].TrimEnd('/') : "";
        Name = segment.Length > 0 ? Uri.UnescapeDataString(segment) : uri.Host;
    }

    /// <summary>The URL without credentials or fragment.</summary>
    public Uri Uri { get; }

    /// <summary>The URL as rayray stores it (<c>locations.path</c>).</summary>
    public string Location { get; }

    /// <summary>The last segment of the path, unescaped: the file's name.</summary>
    public string Name { get; }

    /// <summary>The server, as <c>https://host[:port]</c>.</summary>
    public string Origin => Uri.GetLeftPart(UriPartial.Authority);

    /// <summary>The value of a Basic Authorization header (base64 of <c>user:password</c>); null without credentials.</summary>
    internal string? BasicCredentials { get; }

    public override string ToString() => Location;

    /// <summary>True for text that names a URL of any scheme (<c>scheme://…</c>), which is never taken for a local path.</summary>
    public static bool LooksLikeUrl(string text)
    {
        var colon = text.IndexOf("://", StringComparison.Ordinal);
        return colon > 0 && char.IsAsciiLetter(text[0]) && text.AsSpan(0, colon).IndexOfAnyExcept(SchemeCharacters) < 0;
    }

    /// <summary>True for a stored location that is a web address rather than a path.</summary>
    public static bool IsWebLocation(string path) =>
        path.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    private static readonly System.Buffers.SearchValues<char> SchemeCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-");

    /// <summary>Parses an http or https URL; the error never repeats the credentials the text may hold.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out WebAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        if (!Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            error = $"{Redact(text)} is not a valid URL";
            return false;
        }
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            error = $"{Redact(text)}: only http and https URLs can be read";
            return false;
        }
        string? basic = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            var user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            var password = colon < 0 ? "" : Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));
        }
        address = new WebAddress(new Uri(uri.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped)), basic);
        error = null;
        return true;
    }

    /// <summary>The text with whatever stands between <c>://</c> and an <c>@</c> before the path removed: safe to print.</summary>
    public static string Redact(string text)
    {
        var start = text.IndexOf("://", StringComparison.Ordinal);
        if (start < 0)
            return text;
        start += 3;
        var end = text.IndexOfAny(['/', '?', '#'], start);
        var at = text.LastIndexOf('@', end < 0 ? text.Length - 1 : end - 1, (end < 0 ? text.Length : end) - start);
        return at < 0 ? text : string.Concat(text.AsSpan(0, start), "…@", text.AsSpan(at + 1));
    }
}
