using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace Rayray.Mongo.Tests.Bson;

/// <summary>
/// Compares two JSON texts as JSON, the way the corpus asks (whitespace and escaping do not matter),
/// but stricter on what Extended JSON preserves: keys in the same order, and numbers equal in
/// value and in kind (an integer never equals a non-integer, so 1 and 1.0 differ, as do 0.0 and -0.0).
/// </summary>
internal static class JsonEquivalence
{
    public static void AssertEquivalent(string expected, string actual, string what)
    {
        using var expectedJson = JsonDocument.Parse(expected);
        using var actualJson = JsonDocument.Parse(actual);
        if (Difference(expectedJson.RootElement, actualJson.RootElement, "$") is { } path)
            Assert.Fail($"{what} differs at {path}\nexpected: {expected}\nactual:   {actual}");
    }

    private static string? Difference(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind)
            return $"{path} ({expected.ValueKind}, not {actual.ValueKind})";
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedProperties = expected.EnumerateObject().ToList();
                var actualProperties = actual.EnumerateObject().ToList();
                for (var i = 0; i < Math.Max(expectedProperties.Count, actualProperties.Count); i++)
                {
                    if (i >= expectedProperties.Count || i >= actualProperties.Count || expectedProperties[i].Name != actualProperties[i].Name)
                        return $"{path} (key {i}: {Name(expectedProperties, i)}, not {Name(actualProperties, i)})";
                    if (Difference(expectedProperties[i].Value, actualProperties[i].Value, $"{path}.{expectedProperties[i].Name}") is { } inner)
                        return inner;
                }
                return null;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                    return $"{path} ({expected.GetArrayLength()} items, not {actual.GetArrayLength()})";
                for (var i = 0; i < expected.GetArrayLength(); i++)
                {
                    if (Difference(expected[i], actual[i], $"{path}[{i}]") is { } inner)
                        return inner;
                }
                return null;
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString() ? null : path;
            case JsonValueKind.Number:
                return SameNumber(expected.GetRawText(), actual.GetRawText()) ? null : path;
            default:
                return null;
        }
    }

    private static string Name(List<JsonProperty> properties, int index) => index < properties.Count ? $"\"{properties[index].Name}\"" : "nothing";

    private static bool SameNumber(string expected, string actual)
    {
        var integer = IsInteger(expected);
        if (integer != IsInteger(actual))
            return false;
        if (integer)
            return BigInteger.Parse(expected, CultureInfo.InvariantCulture) == BigInteger.Parse(actual, CultureInfo.InvariantCulture);
        return BitConverter.DoubleToInt64Bits(double.Parse(expected, CultureInfo.InvariantCulture)) ==
               BitConverter.DoubleToInt64Bits(double.Parse(actual, CultureInfo.InvariantCulture));
    }

    private static bool IsInteger(string number) => number.AsSpan().IndexOfAny('.', 'e', 'E') < 0;
}
