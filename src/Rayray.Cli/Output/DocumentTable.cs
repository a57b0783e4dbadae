using System.Text.Json;
using System.Text.Json.Nodes;
using Rayray.Cli.Terminal;
using Rayray.Core.Documents;

namespace Rayray.Cli.Output;

/// <summary><c>query --format table</c>: one row a document, a column a field (headed by its last name).</summary>
internal static class DocumentTable
{
    public static async Task WriteAsync(TextWriter stdout, IAsyncEnumerable<string> documents, IReadOnlyList<string>? fields)
    {
        var paths = fields ?? OutputFields.TableDefault;
        IReadOnlyList<string> columns;
        var rows = new List<string[]>();
        if (OutputFields.NeedDocuments(paths))
        {
            // Columns under metadataRaw are the keys the documents have: read them all first.
            var parsed = new List<JsonDocument>();
            await foreach (var json in documents)
                parsed.Add(JsonDocument.Parse(json));
            columns = OutputFields.Columns(paths, [.. parsed.Select(r => r.RootElement)]);
            foreach (var document in parsed)
            {
                rows.Add(Cells(JsonNode.Parse(document.RootElement.GetRawText()), columns));
                document.Dispose();
            }
        }
        else
        {
            columns = OutputFields.Columns(paths);
            await foreach (var json in documents)
                rows.Add(Cells(JsonNode.Parse(json), columns));
        }

        // A column an object was expanded into is left out when no row has a value in it: on a
        // terminal, --fields camera shows the camera fields these documents have.
        var kept = Enumerable.Range(0, columns.Count).Where(i => paths.Contains(columns[i]) || rows.Any(r => r[i].Length > 0)).ToList();
        var table = new OutputTable([.. kept.Select(i => columns[i].Split('.')[^1])]);
        foreach (var row in rows)
            table.Add([.. kept.Select(i => row[i])]);
        table.Write(stdout);
    }

    private static string[] Cells(JsonNode? document, IReadOnlyList<string> columns) =>
        [.. columns.Select(c => Cell(document, c.Split('.')))];

    private static string Cell(JsonNode? node, string[] path)
    {
        foreach (var segment in path)
        {
            node = node switch
            {
                JsonObject o => o[segment],
                JsonArray a => new JsonArray([.. a.Select(e => (e as JsonObject)?[segment]?.DeepClone())]),
                _ => null,
            };
        }
        return node switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonArray a => string.Join(", ", a.Select(e => e?.ToString())),
            _ => node.ToJsonString(DocumentJson.Options),
        };
    }
}
