using System.Text.Json;

namespace Rayray.Tests.Corpus;

/// <summary>
/// Values exiftool 12.57 reported (with -n) for every image of ../shared/corpus/exif-samples,
/// recorded once in exiftool-reference.json (the command is in the file) so the comparison runs
/// without exiftool installed.
/// </summary>
internal static class ExiftoolReference
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonElement>> Files = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Corpus", "exiftool-reference.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("files").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    });

    public static IReadOnlyDictionary<string, JsonElement> All => Files.Value;

    public static IEnumerable<object[]> RelativePaths() => All.Keys.Order(StringComparer.Ordinal).Select(p => new object[] { p });

    public static string? Text(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;

    /// <summary>A number; exiftool quotes some long decimals ("0.00592076783793124"), so strings that are numbers count.</summary>
    public static double? Number(JsonElement entry, string name)
    {
        if (!entry.TryGetProperty(name, out var value))
            return null;
        if (value.ValueKind == JsonValueKind.Number)
            return value.GetDouble();
        return value.ValueKind == JsonValueKind.String &&
               double.TryParse(value.GetString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;
    }
}
