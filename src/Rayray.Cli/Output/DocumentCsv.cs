using System.Text.Json;

namespace Rayray.Cli.Output;

/// <summary><c>query --format csv</c>: a header of field paths, then one row a document.</summary>
internal static class DocumentCsv
{
    public static async Task WriteAsync(TextWriter stdout, IAsyncEnumerable<string> documents, IReadOnlyList<string>? fields)
    {
        var paths = fields ?? OutputFields.CsvDefault;
        if (OutputFields.NeedDocuments(paths))
        {
            // Columns under metadataRaw are the keys the documents have: read them all first.
            var rows = new List<JsonDocument>();
            try
            {
                await foreach (var json in documents)
                    rows.Add(JsonDocument.Parse(json));
                var columns = OutputFields.Columns(paths, [.. rows.Select(r => r.RootElement)]);
                using var csv = new CsvOutput(stdout, columns);
                foreach (var row in rows)
                    csv.Add(Cells(row.RootElement, columns));
            }
            finally
            {
                rows.ForEach(r => r.Dispose());
            }
            return;
        }

        var fixedColumns = OutputFields.Columns(paths);
        using var output = new CsvOutput(stdout, fixedColumns);
        await foreach (var json in documents)
        {
            using var document = JsonDocument.Parse(json);
            output.Add(Cells(document.RootElement, fixedColumns));
        }
    }

    private static string[] Cells(JsonElement document, IReadOnlyList<string> columns) =>
        [.. columns.Select(c => FlatValues.Cell(document, c))];
}
