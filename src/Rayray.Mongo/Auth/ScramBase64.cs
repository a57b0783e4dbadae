namespace Rayray.Mongo.Auth;

/// <summary>Base64 as RFC 5802 uses it: the standard alphabet, padded, no whitespace (which .NET's decoder would skip).</summary>
internal static class ScramBase64
{
    /// <summary>The decoded bytes, or null when <paramref name="text"/> is not strict base64.</summary>
    public static byte[]? Decode(string text)
    {
        if (text.Length % 4 != 0 || text.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=')))
            return null;
        var buffer = new byte[text.Length / 4 * 3];
        return Convert.TryFromBase64String(text, buffer, out var written) ? buffer[..written] : null;
    }
}
