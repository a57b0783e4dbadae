using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Rayray.Core.Documents;
using Rayray.Core.Query;

namespace Rayray.Storage.Sqlite;

/// <summary>
/// The documents of a query, in order, as <c>rayray query</c> prints them. A page (a limit) is
/// found as a list of rows first and then read; without a limit the rows stream from one statement.
/// </summary>
internal static class SqlitePages
{
    /// <summary>Pages up to this size are found as a list of rows first.</summary>
    private const int LargestListedPage = 10_000;

    /// <summary>
    /// How many rows in path order are tried per row of the page: a filter matching one document
    /// in fifty or more fills the first page from the first rows in order (2,000 rows for a page
    /// of 100 when one in twenty matches), and one matching fewer has few enough matches to sort.
    /// </summary>
    private const int RowsTriedPerRow = 50;

    private const int FewestRowsTried = 5_000;

    /// <summary>
    /// A filter led by a set from the side tables (words, tags, paths, a circle) tests the row id
    /// before it reads the row, so a row tried costs a lookup in a list, and four times as many are tried.
    /// </summary>
    private const int SetFirstFactor = 4;

    public static async IAsyncEnumerable<string> QueryAsync(SqliteConnection connection, MediaQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        SqliteReads.UseQueryCache(connection);
        var filter = SqliteQueryTranslator.Translate(query.Filter);
        var documents = query.Limit is { } limit and <= LargestListedPage
            ? Read(connection, FirstInPathOrder(connection, query, limit) ?? Sorted(connection, filter, limit, query), cancellationToken)
            : Stream(connection, filter, query, cancellationToken);
        await foreach (var json in documents)
            yield return json;
    }

    /// <summary>
    /// The page from the first rows in the default order (the primary path index), when enough of
    /// them match; null when too few do, or another order was asked for. A broad filter (a word, a
    /// width, a type) then costs a few thousand rows instead of reading and sorting every match.
    /// CROSS JOIN keeps those rows the outer loop: SQLite would otherwise start from the filter's
    /// own list (every match of a word) and probe the window, which is the sort this avoids. A
    /// filter that is one set of the side tables is tested on the row id alone.
    /// </summary>
    private static List<long>? FirstInPathOrder(SqliteConnection connection, MediaQuery query, int limit)
    {
        if (query.Sort.Count > 0)
            return null;
        var filter = SqliteQueryTranslator.Translate(query.Filter, rowId: "w.rowid");
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT w.rowid FROM (
                SELECT rowid, primary_path FROM media_files ORDER BY primary_path, rowid LIMIT $tried) AS w
            {(filter.Rows is null ? $"CROSS JOIN media_files m ON m.rowid = w.rowid WHERE {filter.Where}" : $"WHERE w.rowid IN ({filter.Rows})")}
            ORDER BY w.primary_path, w.rowid LIMIT $limit OFFSET $skip
            """;
        command.Parameters.AddRange(filter.Parameters);
        var tried = Math.Max(FewestRowsTried, (long)(query.Skip + limit) * RowsTriedPerRow) * (filter.SetFirst ? SetFirstFactor : 1);
        command.Parameters.AddWithValue("$tried", tried);
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$skip", query.Skip);
        var rows = Rows(command);
        return rows.Count == limit ? rows : null;
    }

    /// <summary>The page by sorting every match: what a narrow filter or another order needs.</summary>
    private static List<long> Sorted(SqliteConnection connection, SqliteFilter filter, int limit, MediaQuery query)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT m.rowid FROM media_files m WHERE {filter.Where} ORDER BY {Order(query)} LIMIT $limit OFFSET $skip";
        command.Parameters.AddRange(filter.Parameters);
        command.Parameters.AddWithValue("$limit", limit);
        command.Parameters.AddWithValue("$skip", query.Skip);
        return Rows(command);
    }

    private static List<long> Rows(SqliteCommand command)
    {
        var rows = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            rows.Add(reader.GetInt64(0));
        return rows;
    }

    /// <summary>The documents of these rows, in this order.</summary>
    private static async IAsyncEnumerable<string> Read(SqliteConnection connection, List<long> rows, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
            yield break;
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT p.value, b.body, b.raw, {SqliteLocations.ColumnsOfL}
            FROM json_each($rows) AS p JOIN media_bodies b ON b.rowid = p.value LEFT JOIN locations l ON l.file_rowid = p.value
            ORDER BY p.key, l.path
            """;
        command.Parameters.AddWithValue("$rows", "[" + string.Join(',', rows.Select(r => r.ToString(CultureInfo.InvariantCulture))) + "]");
        await foreach (var json in Assemble(command, cancellationToken))
            yield return json;
    }

    /// <summary>Every match in one statement, for a query without a limit (or a very long page).</summary>
    private static async IAsyncEnumerable<string> Stream(SqliteConnection connection, SqliteFilter filter, MediaQuery query,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var order = Order(query);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            WITH page AS (
                SELECT m.rowid AS rowid, row_number() OVER (ORDER BY {order}) AS position
                FROM media_files m WHERE {filter.Where}
                ORDER BY {order} LIMIT $limit OFFSET $skip)
            SELECT page.rowid, b.body, b.raw, {SqliteLocations.ColumnsOfL}
            FROM page JOIN media_bodies b ON b.rowid = page.rowid LEFT JOIN locations l ON l.file_rowid = page.rowid
            ORDER BY page.position, l.path
            """;
        command.Parameters.AddRange(filter.Parameters);
        command.Parameters.AddWithValue("$limit", query.Limit ?? -1);
        command.Parameters.AddWithValue("$skip", query.Skip);
        await foreach (var json in Assemble(command, cancellationToken))
            yield return json;
    }

    /// <summary>One document per row id, from rows of (row id, body, raw, one location each), in order.</summary>
    private static async IAsyncEnumerable<string> Assemble(SqliteCommand command, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long? current = null;
        string? body = null, raw = null;
        var locations = new List<FileLocation>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var rowid = reader.GetInt64(0);
            if (rowid != current)
            {
                if (body is not null)
                    yield return DocumentJson.Assemble(body, locations, raw);
                current = rowid;
                body = reader.GetString(1);
                raw = reader.GetString(2);
                locations = [];
            }
            if (!reader.IsDBNull(3))
                locations.Add(SqliteLocations.Read(reader, 3));
        }
        if (body is not null)
            yield return DocumentJson.Assemble(body, locations, raw);
    }

    private static string Order(MediaQuery query)
    {
        var order = new StringBuilder();
        foreach (var sort in query.Sort)
        {
            var expression = SqliteFieldColumns.SortExpression(sort.Field);
            // Documents without the value come last, whichever way.
            order.Append($"({expression}) IS NULL, {expression}{(sort.Descending ? " DESC" : "")}, ");
        }
        return order.Append("m.primary_path, m.rowid").ToString();
    }
}
