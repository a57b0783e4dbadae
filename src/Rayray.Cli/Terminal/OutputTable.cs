using Rayray.Core.Common;
using Spectre.Console;

namespace Rayray.Cli.Terminal;

/// <summary>
/// A Spectre.Console table for a command's stdout: cells are plain text (never markup) with names
/// escaped as <see cref="PathBytes.Printable"/>, columns that hold only numbers right-aligned, and
/// an ASCII border that reads the same in a pipe, a file or any terminal.
/// </summary>
internal sealed class OutputTable
{
    private readonly Table _table = new Table().Border(TableBorder.Ascii2);
    private readonly bool[] _numeric;

    public OutputTable(params string[] headers)
    {
        foreach (var header in headers)
            _table.AddColumn(new TableColumn(new Text(header)));
        _numeric = [.. headers.Select(_ => true)];
    }

    public OutputTable Add(params string?[] cells)
    {
        var printable = cells.Select(c => PathBytes.Printable(c ?? "")).ToArray();
        for (var i = 0; i < printable.Length; i++)
            _numeric[i] &= printable[i].Length == 0 || IsNumber(printable[i]);
        _table.AddRow(printable.Select(c => new Text(c)));
        return this;
    }

    public void Write(TextWriter stdout)
    {
        for (var i = 0; i < _numeric.Length; i++)
        {
            if (_numeric[i] && _table.Rows.Count > 0)
                _table.Columns[i].RightAligned();
        }
        var console = StandardOutputConsole.Create(stdout);
        // On a narrower terminal Spectre.Console leaves some columns no room and drops their text;
        // with two characters a column it folds every cell instead, and lines past the edge wrap.
        console.Profile.Width = Math.Max(console.Profile.Width, _numeric.Length * 5 + 1);
        console.Write(_table);
    }

    private static bool IsNumber(string cell) => cell.All(c => char.IsAsciiDigit(c) || c is ',' or '.' or '-');
}
