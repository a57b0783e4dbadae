using System.Collections;
using System.Globalization;
using Rayray.Core.Normalization;

namespace Rayray.Tests.IsoMedia;

/// <summary>Every field of two <see cref="AudioVideoFacts"/>, nested records included, that is not the same in both.</summary>
internal static class AudioVideoFactsDifferences
{
    public static List<string> Between(AudioVideoFacts expected, AudioVideoFacts actual)
    {
        var differences = new List<string>();
        Compare("", expected, actual, differences);
        return differences;
    }

    private static void Compare(string path, object? expected, object? actual, List<string> differences)
    {
        if (expected is null || actual is null)
        {
            if (!(expected is null && actual is null) && !IsEmptyRecord(expected ?? actual))
                differences.Add($"{path}: {Show(expected)} vs {Show(actual)}");
            return;
        }
        var type = expected.GetType();
        if (type.Namespace?.StartsWith("Rayray", StringComparison.Ordinal) == true && type.IsClass)
        {
            foreach (var property in type.GetProperties().Where(p => p.GetIndexParameters().Length == 0))
                Compare($"{path}.{property.Name}".TrimStart('.'), property.GetValue(expected), property.GetValue(actual), differences);
            return;
        }
        if (expected is IEnumerable list and not string)
        {
            var (a, b) = (list.Cast<object>().Select(Show).ToList(), ((IEnumerable)actual).Cast<object>().Select(Show).ToList());
            if (!a.SequenceEqual(b))
                differences.Add($"{path}: [{string.Join(", ", a)}] vs [{string.Join(", ", b)}]");
            return;
        }
        if (!Equals(expected, actual))
            differences.Add($"{path}: {Show(expected)} vs {Show(actual)}");
    }

    /// <summary>A nested record whose every field is null means the same as no record.</summary>
    private static bool IsEmptyRecord(object? value) =>
        value is not null && value.GetType().Namespace?.StartsWith("Rayray", StringComparison.Ordinal) == true &&
        value.GetType().GetProperties().All(p => p.GetValue(value) is null);

    private static string Show(object? value) => value switch
    {
        null => "null",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
