using System.Text.Json;

namespace Rayray.Tests.Corpus;

/// <summary>
/// Values exiftool 12.57 reported (with -n) for every media file of a corpus folder, recorded once in a JSON
/// file (the command is in the file) so the comparison runs without exiftool installed.
/// </summary>
internal sealed class ExiftoolReference
{
    /// <summary>../shared/corpus/exif-samples: real camera JPEG, TIFF and HEIC.</summary>
    public static ExiftoolReference ExifSamples { get; } = new("exiftool-reference.json");

    /// <summary>../shared/corpus/exiftool-samples: CR3 and other RAW, camera videos, less common formats.</summary>
    public static ExiftoolReference ExiftoolSamples { get; } = new("exiftool-samples-reference.json");

    private readonly Lazy<IReadOnlyDictionary<string, JsonElement>> _files;

    private ExiftoolReference(string fileName) => _files = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Corpus", fileName);
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("files").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    });

    /// <summary>Each file's values, by its path relative to the corpus folder (with '/').</summary>
    public IReadOnlyDictionary<string, JsonElement> All => _files.Value;

    public static IEnumerable<object[]> ExifSamplesPaths() => Paths(ExifSamples);

    public static IEnumerable<object[]> ExiftoolSamplesPaths() => Paths(ExiftoolSamples);

    private static IEnumerable<object[]> Paths(ExiftoolReference reference) =>
        reference.All.Keys.Order(StringComparer.Ordinal).Select(p => new object[] { p });

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
