namespace Rayray.Mongo.Auth;

/// <summary>
/// Splits a SCRAM message into its <c>name=value</c> attributes (RFC 5802 section 7). Values cannot contain commas, so
/// splitting on them is exact. Returns null when an attribute is not a single letter, '=' and a value.
/// </summary>
internal static class ScramAttributes
{
    public static IReadOnlyList<KeyValuePair<char, string>>? Parse(string message)
    {
        var attributes = new List<KeyValuePair<char, string>>();
        foreach (var part in message.Split(','))
        {
            if (part.Length < 2 || !char.IsAsciiLetter(part[0]) || part[1] != '=')
                return null;
            attributes.Add(new KeyValuePair<char, string>(part[0], part[2..]));
        }
        return attributes;
    }
}
