using System.Text.Json;
using Rayray.Testing;

namespace Rayray.Mongo.Tests.Connection;

/// <summary>
/// The MongoDB specification test vectors in ../shared/spec, read where they are: their licence
/// (CC BY-NC-SA) keeps them out of this repository.
/// </summary>
internal static class SpecVectors
{
    public static string Root =>
        RepoPaths.Shared is { } shared
            ? Path.Combine(shared, "spec")
            : throw new InvalidOperationException("../shared is missing beside the repository: the specification vectors live in ../shared/spec.");

    /// <summary>The JSON files of a folder (and its subfolders), as paths relative to <see cref="Root"/> with '/'.</summary>
    public static IEnumerable<string> Files(string folder) =>
        Directory.EnumerateFiles(Path.Combine(Root, folder), "*.json", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static JsonElement Load(string relativePath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, relativePath)));
        return document.RootElement.Clone();
    }

    /// <summary>One row per entry of the "tests" array of each file: file, index, description.</summary>
    public static TheoryData<string, int, string> TestsOf(IEnumerable<string> files, Func<string, bool>? include = null)
    {
        var data = new TheoryData<string, int, string>();
        foreach (var file in files)
        {
            var index = 0;
            foreach (var test in Load(file).GetProperty("tests").EnumerateArray())
            {
                var description = test.GetProperty("description").GetString()!;
                if (include?.Invoke(description) ?? true)
                    data.Add(file, index, description);
                index++;
            }
        }
        return data;
    }

    public static JsonElement Test(string file, int index) => Load(file).GetProperty("tests")[index];

    public static string? Text(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static bool? Flag(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null;

    /// <summary>The property, or null when it is missing or JSON null (the vectors' "no assertion").</summary>
    public static JsonElement? Optional(this JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
