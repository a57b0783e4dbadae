using System.Text.Json;

namespace Rayray.Cli.Output;

/// <summary>
/// A document's value at a dotted path as one cell of text, for CSV: strings as they are, numbers
/// as JSON writes them, true/false, nothing for null; arrays joined with <see cref="Separator"/>,
/// also the arrays on the way (<c>locations.path</c> is the path of every location).
/// </summary>
internal static class FlatValues
{
    public const char Separator = ';';

    public static string Cell(JsonElement document, string path) => Value(document, path.Split('.'), 0) ?? "";

    private static string? Value(JsonElement node, string[] segments, int index)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            var items = node.EnumerateArray().Select(item => Value(item, segments, index)).ToList();
            // An element without the field keeps its (empty) place, so locations.path and
            // locations.sidecar.path stay aligned; no element with it at all is no value.
            return items.All(i => i is null) ? null : string.Join(Separator, items.Select(i => i ?? ""));
        }
        if (index < segments.Length)
            return node.ValueKind == JsonValueKind.Object && node.TryGetProperty(segments[index], out var child) ? Value(child, segments, index + 1) : null;
        return node.ValueKind switch
        {
            JsonValueKind.String => node.GetString(),
            JsonValueKind.Number => node.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            // Only an object no column was made for ends up here: its JSON, whole.
            JsonValueKind.Object => JsonText.Relaxed(node.GetRawText()),
            _ => null,
        };
    }

    /// <summary>The leaf paths under <paramref name="path"/> in one document, in its order (for the keys of metadataRaw).</summary>
    public static void CollectLeaves(JsonElement document, string path, Action<string> leaves)
    {
        var segments = path.Split('.');
        foreach (var node in Descend(document, segments, 0))
            Leaves(node, path, leaves);
    }

    private static IEnumerable<JsonElement> Descend(JsonElement node, string[] segments, int index)
    {
        if (node.ValueKind == JsonValueKind.Array)
            return node.EnumerateArray().SelectMany(item => Descend(item, segments, index));
        if (index == segments.Length)
            return [node];
        return node.ValueKind == JsonValueKind.Object && node.TryGetProperty(segments[index], out var child)
            ? Descend(child, segments, index + 1)
            : [];
    }

    private static void Leaves(JsonElement node, string path, Action<string> leaves)
    {
        if (node.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in node.EnumerateObject())
                Leaves(property.Value, path + "." + property.Name, leaves);
        }
        else if (node.ValueKind == JsonValueKind.Array && node.EnumerateArray().Any(i => i.ValueKind == JsonValueKind.Object))
        {
            foreach (var item in node.EnumerateArray())
                Leaves(item, path, leaves);
        }
        else
        {
            leaves(path);
        }
    }
}
