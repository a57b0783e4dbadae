namespace Rayray.Cli.Tests;

/// <summary>A table rayray printed with its ASCII border (<c>| a | b |</c> rows), read back into header and cells.</summary>
internal sealed record PrintedTable(string[] Header, string[][] Rows)
{
    public static PrintedTable Parse(string stdout)
    {
        var rows = stdout.Split('\n')
            .Where(line => line.StartsWith("| ", StringComparison.Ordinal))
            .Select(line => line.TrimEnd()[2..^2].Split(" | ").Select(cell => cell.Trim()).ToArray())
            .ToList();
        return new PrintedTable(rows[0], [.. rows.Skip(1)]);
    }
}
