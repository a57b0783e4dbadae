using System.Text;

namespace Rayray.Cli.Terminal;

/// <summary>A plain aligned table for stdout: numbers right-aligned, no colour, nothing that breaks a pipe.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public TextTable Add(params string?[] cells)
    {
        _rows.Add([.. cells.Select(c => Rayray.Core.Common.PathBytes.Printable(c ?? ""))]);
        return this;
    }

    public override string ToString()
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        var numeric = headers.Select((_, i) => _rows.Count > 0 && _rows.All(r => r[i].Length == 0 || IsNumber(r[i]))).ToArray();
        var text = new StringBuilder();
        void Line(string[] cells)
        {
            for (var i = 0; i < cells.Length; i++)
            {
                var last = i == cells.Length - 1;
                var cell = numeric[i] ? cells[i].PadLeft(widths[i]) : last ? cells[i] : cells[i].PadRight(widths[i]);
                text.Append(cell);
                if (!last)
                    text.Append("  ");
            }
            text.Append('\n');
        }
        Line(headers);
        foreach (var row in _rows)
            Line(row);
        return text.ToString();
    }

    private static bool IsNumber(string cell) => cell.All(c => char.IsAsciiDigit(c) || c is ',' or '.' or '-');
}
