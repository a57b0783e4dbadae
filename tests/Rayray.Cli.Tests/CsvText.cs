using System.Text.Json;
using nietras.SeparatedValues;

namespace Rayray.Cli.Tests;

/// <summary>rayray's CSV read back with the library it is written with, and the values the tests expect in it.</summary>
internal static class CsvText
{
    public static (string[] Header, List<string[]> Rows) Parse(string text)
    {
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true }).FromText(text);
        var header = reader.Header.ColNames.ToArray();
        var rows = new List<string[]>();
        foreach (var row in reader)
        {
            var cells = new string[row.ColCount];
            for (var i = 0; i < cells.Length; i++)
                cells[i] = row[i].ToString();
            rows.Add(cells);
        }
        return (header, rows);
    }

    /// <summary>A JSON value at a dotted path as a CSV cell: scalars as JSON writes them, arrays (also on the way) joined with ';'.</summary>
    public static string Cell(JsonElement node, string path)
    {
        var values = new List<string>();
        Collect(node, path.Split('.'), 0, values);
        return string.Join(';', values);
    }

    private static void Collect(JsonElement node, string[] path, int index, List<string> values)
    {
        if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray())
                Collect(item, path, index, values);
        }
        else if (index < path.Length)
        {
            if (node.ValueKind == JsonValueKind.Object && node.TryGetProperty(path[index], out var child))
                Collect(child, path, index + 1, values);
        }
        else if (node.ValueKind == JsonValueKind.String)
        {
            values.Add(node.GetString()!);
        }
        else if (node.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False)
        {
            values.Add(node.GetRawText());
        }
    }
}
