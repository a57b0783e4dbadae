using System.Text;

namespace Rayray.Mongo.Connection;

/// <summary>
/// Checks options against the URI options specification. As the connection string specification
/// requires, an unknown key or a value of the wrong type is ignored with a warning; the few
/// mistakes the specifications call errors (an empty authSource, tls and ssl disagreeing) throw.
/// </summary>
internal static class UriOptionReader
{
    private const int MaxAppNameBytes = 128;
    private const int MaxServiceNameLength = 62;

    /// <summary>The valid options, keyed by lowercased name; for a repeated option the last value wins.</summary>
    public static Dictionary<string, string> Read(IEnumerable<KeyValuePair<string, string>> options, List<string> warnings)
    {
        var valid = new Dictionary<string, string>(StringComparer.Ordinal);
        bool? tls = null;
        foreach (var (key, value) in options)
        {
            if (!UriOptionDefinition.All.TryGetValue(key, out var definition))
            {
                warnings.Add($"Unsupported option '{key}' is ignored.");
                continue;
            }
            if (InvalidValueReason(definition, value, warnings) is { } reason)
            {
                var shown = definition.IsSecret ? "" : $" '{value}'";
                warnings.Add($"Unsupported value{shown} for option '{definition.Name}' is ignored: {reason}.");
                continue;
            }
            if (definition.Type == UriOptionType.Boolean && key is "tls" or "ssl")
            {
                var enabled = UriOptionValues.ParseBoolean(value);
                if (tls is { } earlier && earlier != enabled)
                    throw new MongoUrlException("The options tls and ssl are given with different values; they are the same option.");
                tls = enabled;
            }
            if (valid.ContainsKey(key) && !definition.IsList)
                warnings.Add($"Option '{definition.Name}' is given more than once; the last value is used.");
            valid[key] = value;
        }
        return valid;
    }

    private static string? InvalidValueReason(UriOptionDefinition definition, string value, List<string> warnings)
    {
        switch (definition.Type)
        {
            case UriOptionType.Boolean:
                if (!UriOptionValues.TryParseBoolean(value, out var flag, out var isLegacy))
                    return "expected true or false";
                if (isLegacy)
                    warnings.Add($"Deprecated boolean value '{value}' for option '{definition.Name}': write {definition.Name}={(flag ? "true" : "false")}.");
                return null;
            case UriOptionType.Integer:
                if (!UriOptionValues.TryParseInteger(value, out var number))
                    return "expected an integer";
                return number < definition.Minimum || number > definition.Maximum
                    ? definition.Maximum == int.MaxValue || definition.Maximum == long.MaxValue
                        ? $"expected an integer of at least {definition.Minimum}"
                        : $"expected an integer from {definition.Minimum} to {definition.Maximum}"
                    : null;
            case UriOptionType.OneOf:
                return definition.AllowedValues!.Contains(value, StringComparer.OrdinalIgnoreCase)
                    ? null
                    : $"expected one of {string.Join(", ", definition.AllowedValues!)}";
            case UriOptionType.KeyValuePairs:
                var pairs = UriOptionValues.ParseKeyValuePairs(value, out var malformed);
                if (malformed > 0 && definition.IsList)
                    return "expected key:value pairs separated by commas";
                if (malformed > 0)
                {
                    // A value containing a comma cannot be written in a connection string; the pairs that
                    // are well formed are kept, the others dropped.
                    warnings.Add($"Option '{definition.Name}' has {malformed} element(s) that are not key:value pairs; they are ignored (a value cannot contain a comma).");
                    if (pairs.Count == 0)
                        return "no element is a key:value pair";
                }
                return null;
            default:
                return StringValueReason(definition, value);
        }
    }

    private static string? StringValueReason(UriOptionDefinition definition, string value)
    {
        switch (definition.Name)
        {
            case "authSource" when value.Length == 0:
                throw new MongoUrlException("The authSource option is empty: name the database that holds the user, or leave the option out.");
            case "appName" when Encoding.UTF8.GetByteCount(value) > MaxAppNameBytes:
                return $"an application name has at most {MaxAppNameBytes} bytes";
            case "srvServiceName" when !IsServiceName(value):
                return "expected a service name: letters, digits and inner single hyphens, at least one letter";
            case "w" when value.Length == 0 || (UriOptionValues.TryParseInteger(value, out var w) && w < 0):
                return "expected a non-negative integer or a tag set name";
            default:
                return null;
        }
    }

    /// <summary>An RFC 6335 service name, except that (as the seedlist specification allows) it may be longer than 15 characters.</summary>
    private static bool IsServiceName(string value) =>
        value.Length is > 0 and <= MaxServiceNameLength
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
        && value.Any(char.IsAsciiLetter)
        && !value.StartsWith('-')
        && !value.EndsWith('-')
        && !value.Contains("--", StringComparison.Ordinal);
}
