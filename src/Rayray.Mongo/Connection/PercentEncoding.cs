using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Rayray.Mongo.Connection;

/// <summary>Strict percent-decoding (RFC 3986 section 2.1) of connection string parts, as UTF-8.</summary>
internal static class PercentEncoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Decodes every <c>%XX</c>. Fails when a '%' is not followed by two hexadecimal digits or the
    /// decoded bytes are not UTF-8. A '+' stays a '+' (it is not form encoding).
    /// </summary>
    public static bool TryDecode(string text, [NotNullWhen(true)] out string? decoded)
    {
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            decoded = text;
            return true;
        }
        decoded = null;
        var bytes = new List<byte>(text.Length);
        var literalStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%')
                continue;
            bytes.AddRange(StrictUtf8.GetBytes(text[literalStart..i]));
            if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                return false;
            bytes.Add((byte)((HexValue(text[i + 1]) << 4) | HexValue(text[i + 2])));
            i += 2;
            literalStart = i + 1;
        }
        bytes.AddRange(StrictUtf8.GetBytes(text[literalStart..]));
        try
        {
            decoded = StrictUtf8.GetString([.. bytes]);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>Whether every '%' in <paramref name="text"/> starts a <c>%XX</c> escape.</summary>
    public static bool HasOnlyValidEscapes(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%')
                continue;
            if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
                return false;
            i += 2;
        }
        return true;
    }

    private static int HexValue(char c) =>
        c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
