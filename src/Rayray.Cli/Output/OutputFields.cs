using System.Text.Json;
using Rayray.Core.Documents;
using Rayray.Core.Query;

namespace Rayray.Cli.Output;

/// <summary>
/// What <c>query --fields</c> names: document paths, and the columns a table or CSV makes of them.
/// </summary>
internal static class OutputFields
{
    /// <summary>The CSV columns without --fields (docs/query-language.md lists them).</summary>
    public static IReadOnlyList<string> CsvDefault { get; } =
    [
        "_id", "file.path", "file.name", "file.size", "file.mimeType", "kind", "status",
        "timestamps.taken", "timestamps.takenUtc", "camera.make", "camera.model", "camera.lens",
        "dimensions.width", "dimensions.height", "dimensions.duration", "location.coordinates",
        "place.city", "place.country", "tags", "file.hash",
    ];

    public static IReadOnlyList<string> TableDefault { get; } =
        ["_id", "kind", "timestamps.taken", "camera.make", "camera.model", "file.size", "status", "file.path"];

    /// <summary>The paths of a comma-separated --fields list, each once, in the order given.</summary>
    public static string[] Parse(string list) =>
        [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Path).Distinct(StringComparer.Ordinal)];

    /// <summary>
    /// A document path for a --fields name. A path of the document itself wins, so <c>camera</c> is
    /// the whole camera object (as a query, <c>camera:X</c> means the model); else a query name
    /// stands for its path (<c>taken</c> is <c>timestamps.taken</c>); else the name as given.
    /// </summary>
    public static string Path(string name)
    {
        if (DocumentPaths.Find(name) is { } path)
            return path;
        return QueryFields.Find(name) is { } field && field.JsonPath.Length > 0
            ? field.JsonPath.Replace("$.", "", StringComparison.Ordinal).Replace("[*]", "", StringComparison.Ordinal)
            : name;
    }

    /// <summary>True when some path is under metadataRaw: its columns are the keys the documents have, so they are read first.</summary>
    public static bool NeedDocuments(IEnumerable<string> paths) => paths.Any(DocumentPaths.IsFreeForm);

    /// <summary>
    /// The columns for the paths, in their order: an object of the schema gives all its leaves,
    /// one under metadataRaw the leaves found in <paramref name="documents"/>; each column once.
    /// </summary>
    public static IReadOnlyList<string> Columns(IEnumerable<string> paths, IReadOnlyList<JsonElement>? documents = null)
    {
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Add(string column)
        {
            if (seen.Add(column))
                columns.Add(column);
        }
        foreach (var path in paths)
        {
            if (DocumentPaths.IsObject(path))
            {
                foreach (var leaf in DocumentPaths.LeavesUnder(path))
                    Add(leaf);
            }
            else if (DocumentPaths.IsFreeForm(path) && documents is not null)
            {
                var before = columns.Count;
                foreach (var document in documents)
                    FlatValues.CollectLeaves(document, path, Add);
                if (columns.Count == before)
                    Add(path);
            }
            else
            {
                Add(path);
            }
        }
        return columns;
    }
}
