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
        OutputTable table;
        if (OutputFields.NeedDocuments(paths))
        {
            // Columns under metadataRaw are the keys the documents have: read them all first.
            var rows = new List<JsonDocument>();
            await foreach (var json in documents)
                rows.Add(JsonDocument.Parse(json));
            var columns = OutputFields.Columns(paths, [.. rows.Select(r => r.RootElement)]);
            table = Table(columns);
            foreach (var row in rows)
            {
                table.Add([.. columns.Select(c => Cell(JsonNode.Parse(row.RootElement.GetRawText()), c.Split('.')))]);
                row.Dispose();
            }
        }
        else
        {
            var columns = OutputFields.Columns(paths);
            table = Table(columns);
            await foreach (var json in documents)
            {
                var node = JsonNode.Parse(json);
                table.Add([.. columns.Select(c => Cell(node, c.Split('.')))]);
            }
        }
        table.Write(stdout);
    }

    private static OutputTable Table(IReadOnlyList<string> columns) => new([.. columns.Select(c => c.Split('.')[^1])]);

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
