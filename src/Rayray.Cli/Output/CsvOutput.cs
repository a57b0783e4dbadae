using System.Globalization;
using System.Text;
using nietras.SeparatedValues;

namespace Rayray.Cli.Output;

/// <summary>
/// <c>--format csv</c>: RFC 4180 — a header row, comma-separated, CRLF after every record, and a
/// field that holds a comma, a quote, CR or LF quoted with its quotes doubled.
/// </summary>
/// <remarks>
/// Written with Sep (nietras/Sep, MIT) rather than CsvHelper or Sylvan.Data.Csv: rows here are
/// plain strings in columns known up front, which Sep writes by index without reflection or class
/// maps (CsvHelper's model, and its weight) and without wrapping them in a DbDataReader (what
/// Sylvan's writer takes); it quotes exactly as RFC 4180 asks once Escape is on, keeps the
/// writer's line ending, and the tests parse the output back with its reader.
/// </remarks>
internal sealed class CsvOutput : IDisposable
{
    private readonly TextWriter _output;
    private readonly SepWriter _writer;
    private readonly int _columns;

    public CsvOutput(TextWriter output, IReadOnlyList<string> header)
    {
        output.NewLine = "\r\n";
        _output = output;
        _columns = header.Count;
        _writer = Sep.New(',').Writer(o => o with { Escape = true, CultureInfo = CultureInfo.InvariantCulture }).To(output, leaveOpen: true);
        _writer.Header.Add(header.ToArray());
    }

    /// <summary>A writer of stdout for CSV: UTF-8 without a byte order mark.</summary>
    public static StreamWriter Stdout() => new(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16);

    public void Add(IReadOnlyList<string> cells)
    {
        using var row = _writer.NewRow();
        for (var i = 0; i < _columns; i++)
            row[i].Set(i < cells.Count ? cells[i] : "");
    }

    public void Dispose()
    {
        _writer.Dispose();
        _output.Flush();
    }
}
