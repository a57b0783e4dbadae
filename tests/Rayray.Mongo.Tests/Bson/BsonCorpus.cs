using System.Collections.Concurrent;
using System.Text.Json;
using Rayray.Testing;

namespace Rayray.Mongo.Tests.Bson;

/// <summary>
/// The BSON corpus of the MongoDB specifications (one JSON file per BSON type), read from
/// <c>../shared/spec/bson-corpus</c> at test time: its licence keeps it out of this repository.
/// </summary>
internal static class BsonCorpus
{
    private static readonly ConcurrentDictionary<string, JsonElement> Files = new(StringComparer.Ordinal);

    public static string Folder =>
        Path.Combine(RepoPaths.Shared ?? throw new InvalidOperationException("the BSON corpus needs ../shared beside the clone (CI must provide it)"), "spec", "bson-corpus");

    public static IEnumerable<string> FileNames =>
        Directory.GetFiles(Folder, "*.json").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal);

    public static JsonElement File(string name) =>
        Files.GetOrAdd(name, n =>
        {
            using var document = JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(Folder, n)));
            return document.RootElement.Clone();
        });

    public static JsonElement Case(string file, string section, int index) => File(file).GetProperty(section)[index];

    /// <summary>One row per vector of a section ("valid", "decodeErrors", "parseErrors"): file, index, description.</summary>
    public static TheoryData<string, int, string> Cases(string section)
    {
        var rows = new TheoryData<string, int, string>();
        foreach (var file in FileNames)
        {
            if (!File(file).TryGetProperty(section, out var cases))
                continue;
            var index = 0;
            foreach (var vector in cases.EnumerateArray())
                rows.Add(file, index++, vector.GetProperty("description").GetString()!);
        }
        return rows;
    }

    public static string? Text(this JsonElement vector, string key) =>
        vector.TryGetProperty(key, out var value) ? value.GetString() : null;

    public static byte[]? Hex(this JsonElement vector, string key) =>
        vector.Text(key) is { } hex ? Convert.FromHexString(hex) : null;

    public static bool Flag(this JsonElement vector, string key) =>
        vector.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.True;
}
