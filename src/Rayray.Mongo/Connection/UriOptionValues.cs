using System.Globalization;

namespace Rayray.Mongo.Connection;

/// <summary>How option values of each type are read (connection string specification, "Values").</summary>
internal static class UriOptionValues
{
    private static readonly string[] LegacyTrue = ["1", "yes", "y", "t"];
    private static readonly string[] LegacyFalse = ["0", "-1", "no", "n", "f"];

    /// <summary>"true" and "false"; also the deprecated legacy spellings, reported through <paramref name="isLegacy"/>.</summary>
    public static bool TryParseBoolean(string text, out bool value, out bool isLegacy)
    {
        isLegacy = false;
        if (string.Equals(text, "true", StringComparison.OrdinalIgnoreCase))
            return value = true;
        if (string.Equals(text, "false", StringComparison.OrdinalIgnoreCase))
            return !(value = false);
        isLegacy = true;
        if (LegacyTrue.Contains(text, StringComparer.OrdinalIgnoreCase))
            return value = true;
        value = false;
        return LegacyFalse.Contains(text, StringComparer.OrdinalIgnoreCase);
    }

    public static bool ParseBoolean(string text) =>
        TryParseBoolean(text, out var value, out _) ? value : throw new FormatException($"'{text}' is not a boolean.");

    public static bool TryParseInteger(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static long ParseInteger(string text) =>
        TryParseInteger(text, out var value) ? value : throw new FormatException($"'{text}' is not an integer.");

    /// <summary>
    /// "key:value,key:value": each element is split at its first ':', so values may contain colons.
    /// Elements without a ':' or without a key are skipped and counted in <paramref name="malformed"/>.
    /// A later element overrides an earlier one with the same key (keys compare case-insensitively).
    /// </summary>
    public static Dictionary<string, string> ParseKeyValuePairs(string text, out int malformed)
    {
        var pairs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        malformed = 0;
        if (text.Length == 0)
            return pairs;
        foreach (var element in text.Split(','))
        {
            var colon = element.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                malformed++;
                continue;
            }
            pairs[element[..colon]] = element[(colon + 1)..];
        }
        return pairs;
    }
}
