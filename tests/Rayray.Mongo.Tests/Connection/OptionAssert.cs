using System.Globalization;
using System.Text.Json;
using Rayray.Mongo.Connection;

namespace Rayray.Mongo.Tests.Connection;

/// <summary>Compares a vector's expected option (a JSON value of the type the vector gives) with a parsed URL.</summary>
internal static class OptionAssert
{
    public static void Matches(MongoUrl url, string name, JsonElement expected, string context)
    {
        var key = name.ToLowerInvariant();
        switch (key)
        {
            case "ssl" or "tls":
                // The effective setting: mongodb+srv:// turns TLS on without an option saying so.
                Assert.True(expected.GetBoolean() == url.Tls, $"{context}: {name} should be {expected}, the URL's Tls is {url.Tls}");
                return;
            case "authmechanismproperties":
                var expectedPairs = expected.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
                Assert.True(
                    expectedPairs.Count == url.AuthMechanismProperties.Count
                    && expectedPairs.All(p => url.AuthMechanismProperties.TryGetValue(p.Key, out var v) && v == p.Value),
                    $"{context}: authMechanismProperties should be {Show(expectedPairs)}, not {Show(url.AuthMechanismProperties)}");
                return;
        }

        Assert.True(url.Options.TryGetValue(key, out var actual), $"{context}: option {name} is missing (options: {Show(url.Options)})");
        switch (expected.ValueKind)
        {
            case JsonValueKind.True or JsonValueKind.False:
                Assert.True(bool.Parse(actual!) == expected.GetBoolean(), $"{context}: option {name} is '{actual}', expected {expected}");
                break;
            case JsonValueKind.Number:
                Assert.True(long.Parse(actual!, CultureInfo.InvariantCulture) == expected.GetInt64(), $"{context}: option {name} is '{actual}', expected {expected}");
                break;
            default:
                Assert.True(actual == expected.GetString(), $"{context}: option {name} is '{actual}', expected '{expected.GetString()}'");
                break;
        }
    }

    private static string Show(IEnumerable<KeyValuePair<string, string>> pairs) =>
        "{" + string.Join(", ", pairs.Select(p => $"{p.Key}: {p.Value}")) + "}";
}
