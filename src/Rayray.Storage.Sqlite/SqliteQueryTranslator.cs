using System.Collections.Concurrent;
using System.Globalization;
using System.Numerics;
using System.Text;
using Microsoft.Data.Sqlite;
using Rayray.Core.Common;
using Rayray.Core.Query;

namespace Rayray.Storage.Sqlite;

/// <summary>
/// Translates the query AST into a parameterized WHERE clause over <c>media_files m</c>: no value
/// is ever spliced into the SQL text. Text search goes through FTS5 (terms joined by operators in
/// one MATCH), geo through the R*Tree and then an exact great-circle check on the position
/// columns, fields through their columns or the JSON document.
/// </summary>
internal sealed class SqliteQueryTranslator
{
    private readonly StringBuilder _sql = new();
    private readonly List<SqliteParameter> _parameters = [];
    private readonly string _rowsPrefix;
    private string? _rows;
    private int _rowsEnd = -1;

    private SqliteQueryTranslator(string rowId) => _rowsPrefix = rowId + " IN (";

    /// <param name="rowId">
    /// What tests a document's membership of a set from the side tables (a word, a tag, a circle):
    /// <c>m.rowid</c>, or the row id of a table joined to it, so SQLite can test it before reading the row.
    /// </param>
    public static SqliteFilter Translate(QueryNode? filter, string rowId = "m.rowid")
    {
        if (filter is null)
            return new SqliteFilter("1", [], null, false);
        var translator = new SqliteQueryTranslator(rowId);
        translator.Node(filter);
        var where = translator._sql.ToString();
        var rows = filter is HasNode { Field: var field } && (field == QueryFields.Gps || field == QueryFields.Location) ? "SELECT id FROM media_geo"
            : where.Length == translator._rowsEnd + 1 ? translator._rows
            : null;
        return new SqliteFilter(where, translator._parameters, rows, rows is not null || NarrowedBySet(filter));
    }

    /// <summary>True when the filter is a set from the side tables ANDed with anything else: SQLite tests the set on the row id first.</summary>
    private static bool NarrowedBySet(QueryNode node) => node switch
    {
        _ when SqliteFullText.Combine(node) is not null => true,
        AndNode and => NarrowedBySet(and.Left) || NarrowedBySet(and.Right),
        NearNode => true,
        CompareNode { Op: not CompareOp.NotEqual, Field: var field } => field == QueryFields.Tags || field == QueryFields.People || field == QueryFields.Path,
        _ => false,
    };

    private void Node(QueryNode node)
    {
        switch (node)
        {
            case TextNode or AndNode or OrNode when SqliteFullText.Combine(node) is { } match:
                var rows = BeginRows();
                _sql.Append("SELECT rowid FROM media_text WHERE media_text MATCH ").Append(Parameter(match));
                EndRows(rows);
                break;
            case AndNode and:
                Binary(and.Left, "AND", and.Right);
                break;
            case OrNode or:
                Binary(or.Left, "OR", or.Right);
                break;
            case NotNode not:
                _sql.Append("NOT (");
                Node(not.Operand);
                _sql.Append(')');
                break;
            case HasNode has:
                Has(has.Field);
                break;
            case NearNode near:
                Near(near);
                break;
            case CompareNode compare:
                Compare(compare);
                break;
            case SimilarHashNode similar:
                Similar(similar);
                break;
            default:
                throw new QuerySyntaxException($"this store cannot run {node.GetType().Name}", 1);
        }
    }

    private void Binary(QueryNode left, string op, QueryNode right)
    {
        _sql.Append('(');
        Node(left);
        _sql.Append(' ').Append(op).Append(' ');
        Node(right);
        _sql.Append(')');
    }

    private void Has(QueryField field)
    {
        if (field == QueryFields.Gps || field == QueryFields.Location)
            _sql.Append("m.latitude IS NOT NULL");
        else if (field == QueryFields.Path || field == QueryFields.Copies)
            _sql.Append("m.copies > 0");
        else if (field.IsArray)
            _sql.Append("coalesce(json_array_length(").Append(SqliteFieldColumns.Body).Append(", '").Append(field.JsonPath).Append("'), 0) > 0");
        else if (SqliteFieldColumns.Column(field) is { } column)
            _sql.Append(column).Append(" IS NOT NULL");
        else
            _sql.Append("coalesce(json_type(").Append(SqliteFieldColumns.Body).Append(", '").Append(field.JsonPath).Append("'), 'null') <> 'null'");
    }

    /// <summary>
    /// The R*Tree's boxes, then the distance. The tree keeps 32-bit floats (a point's box is
    /// within two metres of it), so a point clearly inside or outside the circle is decided from
    /// the tree alone; only one within <see cref="NearMargin"/> metres of the edge is measured
    /// from the document's own numbers, its row of media_files.
    /// </summary>
    private void Near(NearNode near)
    {
        var rows = BeginRows();
        _sql.Append("SELECT g.id FROM media_geo g WHERE (");
        var boxes = GeoMath.BoundingBoxes(near.Latitude, near.Longitude, near.RadiusMeters);
        for (var i = 0; i < boxes.Count; i++)
        {
            var (minLat, maxLat, minLon, maxLon) = boxes[i];
            if (i > 0)
                _sql.Append(" OR ");
            _sql.Append("(max_lat >= ").Append(Parameter(minLat)).Append(" AND min_lat <= ").Append(Parameter(maxLat))
                .Append(" AND max_lon >= ").Append(Parameter(minLon)).Append(" AND min_lon <= ").Append(Parameter(maxLon)).Append(')');
        }
        var (latitude, longitude) = (Parameter(near.Latitude), Parameter(near.Longitude));
        var fromTree = $"rayray_distance({latitude}, {longitude}, (g.min_lat + g.max_lat) / 2, (g.min_lon + g.max_lon) / 2)";
        _sql.Append(") AND (").Append(fromTree).Append(" <= ").Append(Parameter(near.RadiusMeters - NearMargin))
            .Append(" OR (").Append(fromTree).Append(" <= ").Append(Parameter(near.RadiusMeters + NearMargin))
            .Append($" AND rayray_distance({latitude}, {longitude}, (SELECT latitude FROM media_files WHERE rowid = g.id), (SELECT longitude FROM media_files WHERE rowid = g.id)) <= ")
            .Append(Parameter(near.RadiusMeters)).Append("))");
        EndRows(rows);
    }

    private const double NearMargin = 10;

    /// <summary>Every hash is compared (a scan of the covering partial index): no index orders 64-bit strings by Hamming distance.</summary>
    private void Similar(SimilarHashNode similar)
    {
        _sql.Append("(m.perceptual_hash IS NOT NULL AND rayray_hamming(m.perceptual_hash, ").Append(Parameter(unchecked((long)similar.Hash)))
            .Append(") <= ").Append(Parameter(similar.MaxDistance));
        if (similar.ExcludedId is { } id)
            _sql.Append(" AND m.id <> ").Append(Parameter(id));
        _sql.Append(')');
    }

    /// <summary>Starts <c>m.rowid IN (SELECT …)</c> over a set of row ids that side tables give without media_files.</summary>
    private int BeginRows()
    {
        _sql.Append(_rowsPrefix);
        return _sql.Length;
    }

    /// <summary>
    /// Ends the set begun at <paramref name="start"/>; the filter's whole set when nothing came
    /// before it, each row once (<paramref name="repeats"/>: a document can have a tag or path
    /// twice; the IN list does not mind, and is quicker without DISTINCT).
    /// </summary>
    private void EndRows(int start, bool repeats = false)
    {
        if (start == _rowsPrefix.Length)
        {
            var select = _sql.ToString(start, _sql.Length - start);
            _rows = repeats ? "SELECT DISTINCT " + select["SELECT ".Length..] : select;
            _rowsEnd = _sql.Length;
        }
        _sql.Append(')');
    }

    private void Compare(CompareNode compare)
    {
        var field = compare.Field;
        if (compare.Op == CompareOp.NotEqual)
        {
            // "x != v" also finds documents without x.
            _sql.Append("NOT coalesce((");
            Compare(compare with { Op = CompareOp.Equal });
            _sql.Append("), 0)");
            return;
        }

        if (field == QueryFields.Path)
        {
            // Driven from the paths (the table's key), not a probe per document: SQLite 3.53 runs
            // a correlated EXISTS once per row of media_files (56 ms on 100,000 documents, not 3).
            var paths = BeginRows();
            _sql.Append("SELECT l.file_rowid FROM locations l WHERE ");
            Condition("l.path", compare, ignoreCase: false);
            EndRows(paths, repeats: true);
            return;
        }
        if (field == QueryFields.Copies && compare.Value is NumberValue copies && !SqliteSqlPatterns.Holds(compare.Op, 0, copies.Number) && !SqliteSqlPatterns.Holds(compare.Op, 1, copies.Number))
        {
            // Only duplicates can match: say so in the words of the partial index on duplicates, so it is used.
            _sql.Append("(m.copies > 1 AND ");
            Condition("m.copies", compare, ignoreCase: false);
            _sql.Append(')');
            return;
        }
        if (field == QueryFields.Tags || field == QueryFields.People)
        {
            // The tags table holds each tag path's starts and last level too (TagPath.Keys), so "leaf or
            // start of a path" is one lookup on its index, like a plain tag.
            var (table, column) = field == QueryFields.Tags ? ("tags", "tag") : ("people", "name");
            var tagged = BeginRows();
            _sql.Append("SELECT t.file_rowid FROM ").Append(table).Append(" t WHERE ");
            Condition("t." + column, compare, ignoreCase: true);
            EndRows(tagged, repeats: true);
            return;
        }
        if (field.IsArray)
        {
            _sql.Append("EXISTS (SELECT 1 FROM json_each(").Append(SqliteFieldColumns.Body).Append(", '").Append(field.JsonPath).Append("') j WHERE ");
            Condition("j.value", compare, ignoreCase: true);
            _sql.Append(')');
            return;
        }
        Condition(SqliteFieldColumns.SortExpression(field), compare, ignoreCase: field.Type == FieldType.Text);
    }

    private void Condition(string expression, CompareNode compare, bool ignoreCase)
    {
        switch (compare.Value)
        {
            case TextValue text when text.IsGlob && ignoreCase && SqliteSqlPatterns.LikePattern(text.Text) is { } like:
                // "prefix*" and "*suffix" on text need no callback: LIKE does it natively.
                _sql.Append(expression).Append(" LIKE ").Append(Parameter(like)).Append(@" ESCAPE '\'");
                break;
            case TextValue text when text.IsGlob && !ignoreCase && text.Text.EndsWith("**", StringComparison.Ordinal) && !SqliteSqlPatterns.IsWild(text.Text.AsSpan(0, text.Text.Length - 2)):
                // "folder/**" on paths is exactly a prefix range on the index.
                var folder = text.Text[..^2];
                _sql.Append(expression).Append(" >= ").Append(Parameter(folder)).Append(" AND ")
                    .Append(expression).Append(" < ").Append(Parameter(SqliteSqlPatterns.PrefixEnd(folder)));
                break;
            case TextValue text when text.IsGlob:
                var glob = text.ToGlob(isPath: !ignoreCase);
                if (!ignoreCase && glob.LiteralPrefix.Length > 0)
                {
                    // An index range for the literal start of the pattern, then the exact match.
                    _sql.Append(expression).Append(" >= ").Append(Parameter(glob.LiteralPrefix)).Append(" AND ")
                        .Append(expression).Append(" < ").Append(Parameter(SqliteSqlPatterns.PrefixEnd(glob.LiteralPrefix))).Append(" AND ");
                }
                _sql.Append("rayray_glob(").Append(Parameter(text.Text)).Append(", ").Append(expression).Append(", ").Append(ignoreCase ? "0" : "1").Append(')');
                break;
            case TextValue text:
                _sql.Append(expression).Append(" = ").Append(Parameter(text.Text)).Append(ignoreCase ? " COLLATE NOCASE" : "");
                break;
            case DateValue date:
                var (op, bound) = compare.Op switch
                {
                    CompareOp.Greater => (">=", date.End),
                    CompareOp.GreaterOrEqual => (">=", date.Start),
                    CompareOp.Less => ("<", date.Start),
                    CompareOp.LessOrEqual => ("<", date.End),
                    _ => ("", ""),
                };
                if (op.Length > 0)
                {
                    _sql.Append(expression).Append(' ').Append(op).Append(' ').Append(Parameter(bound));
                }
                else
                {
                    _sql.Append('(').Append(expression).Append(" >= ").Append(Parameter(date.Start)).Append(" AND ")
                        .Append(expression).Append(" < ").Append(Parameter(date.End)).Append(')');
                }
                break;
            case NumberValue number:
                _sql.Append(expression).Append(' ').Append(SqliteSqlPatterns.Symbol(compare.Op)).Append(' ').Append(Parameter(number.Number));
                break;
            case BoolValue b:
                _sql.Append(expression).Append(" = ").Append(b.Value ? "1" : "0");
                break;
        }
    }

    private string Parameter(object value)
    {
        var name = "$p" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add(new SqliteParameter(name, value));
        return name;
    }

    /// <summary>The functions the translated SQL calls, registered on a connection.</summary>
    public static void RegisterFunctions(SqliteConnection connection)
    {
        connection.CreateFunction<string, string?, bool, bool>("rayray_glob",
            (pattern, value, isPath) => value is not null && Globs.GetOrAdd((pattern, isPath), key => new TextValue(key.Pattern).ToGlob(key.IsPath)).IsMatch(value),
            isDeterministic: true);
        connection.CreateFunction<double, double, double?, double?, double>("rayray_distance",
            (lat1, lon1, lat2, lon2) => lat2 is null || lon2 is null ? double.MaxValue : GeoMath.Distance(lat1, lon1, lat2.Value, lon2.Value),
            isDeterministic: true);
        connection.CreateFunction<long?, long?, int>("rayray_hamming",
            (a, b) => a is null || b is null ? 65 : BitOperations.PopCount(unchecked((ulong)(a.Value ^ b.Value))),
            isDeterministic: true);
    }

    private static readonly ConcurrentDictionary<(string Pattern, bool IsPath), Glob> Globs = new();
}
