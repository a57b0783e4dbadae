using System.Collections.Concurrent;
using System.Globalization;
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

    public static (string Where, IReadOnlyList<SqliteParameter> Parameters) Translate(QueryNode? filter)
    {
        if (filter is null)
            return ("1", []);
        var translator = new SqliteQueryTranslator();
        translator.Node(filter);
        return (translator._sql.ToString(), translator._parameters);
    }

    /// <summary>The SQL expression a field sorts by (its column where there is one).</summary>
    public static string SortExpression(QueryField field) =>
        field == QueryFields.Path ? "m.primary_path" : Column(field) ?? Json(field);

    private void Node(QueryNode node)
    {
        switch (node)
        {
            case TextNode or AndNode or OrNode when SqliteFullText.Combine(node) is { } match:
                _sql.Append("m.rowid IN (SELECT rowid FROM media_text WHERE media_text MATCH ").Append(Parameter(match)).Append(')');
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
            _sql.Append("coalesce(json_array_length(").Append(Body).Append(", '").Append(field.JsonPath).Append("'), 0) > 0");
        else if (Column(field) is { } column)
            _sql.Append(column).Append(" IS NOT NULL");
        else
            _sql.Append("coalesce(json_type(").Append(Body).Append(", '").Append(field.JsonPath).Append("'), 'null') <> 'null'");
    }

    private void Near(NearNode near)
    {
        _sql.Append("(m.rowid IN (SELECT id FROM media_geo WHERE ");
        var boxes = GeoMath.BoundingBoxes(near.Latitude, near.Longitude, near.RadiusMeters);
        for (var i = 0; i < boxes.Count; i++)
        {
            var (minLat, maxLat, minLon, maxLon) = boxes[i];
            if (i > 0)
                _sql.Append(" OR ");
            _sql.Append("(max_lat >= ").Append(Parameter(minLat)).Append(" AND min_lat <= ").Append(Parameter(maxLat))
                .Append(" AND max_lon >= ").Append(Parameter(minLon)).Append(" AND min_lon <= ").Append(Parameter(maxLon)).Append(')');
        }
        // The R*Tree keeps 32-bit floats and a box is wider than the circle: the exact check uses the document's own numbers.
        _sql.Append(") AND rayray_distance(").Append(Parameter(near.Latitude)).Append(", ").Append(Parameter(near.Longitude))
            .Append(", m.latitude, m.longitude) <= ").Append(Parameter(near.RadiusMeters)).Append(')');
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
            _sql.Append("m.rowid IN (SELECT l.file_rowid FROM locations l WHERE ");
            Condition("l.path", compare, ignoreCase: false);
            _sql.Append(')');
            return;
        }
        if (field == QueryFields.Copies && compare.Value is NumberValue copies && !Holds(compare.Op, 0, copies.Number) && !Holds(compare.Op, 1, copies.Number))
        {
            // Only duplicates can match: say so in the words of the partial index on duplicates, so it is used.
            _sql.Append("(m.copies > 1 AND ");
            Condition("m.copies", compare, ignoreCase: false);
            _sql.Append(')');
            return;
        }
        if (field == QueryFields.Tags)
        {
            _sql.Append("m.rowid IN (SELECT t.file_rowid FROM tags t WHERE ");
            Condition("t.tag", compare, ignoreCase: true);
            _sql.Append(')');
            return;
        }
        if (field.IsArray)
        {
            _sql.Append("EXISTS (SELECT 1 FROM json_each(").Append(Body).Append(", '").Append(field.JsonPath).Append("') j WHERE ");
            Condition("j.value", compare, ignoreCase: true);
            _sql.Append(')');
            return;
        }
        Condition(SortExpression(field), compare, ignoreCase: field.Type == FieldType.Text);
    }

    private void Condition(string expression, CompareNode compare, bool ignoreCase)
    {
        switch (compare.Value)
        {
            case TextValue text when text.IsGlob && ignoreCase && LikePattern(text.Text) is { } like:
                // "prefix*" and "*suffix" on text need no callback: LIKE does it natively.
                _sql.Append(expression).Append(" LIKE ").Append(Parameter(like)).Append(@" ESCAPE '\'");
                break;
            case TextValue text when text.IsGlob && !ignoreCase && text.Text.EndsWith("**", StringComparison.Ordinal) && !IsWild(text.Text.AsSpan(0, text.Text.Length - 2)):
                // "folder/**" on paths is exactly a prefix range on the index.
                var folder = text.Text[..^2];
                _sql.Append(expression).Append(" >= ").Append(Parameter(folder)).Append(" AND ")
                    .Append(expression).Append(" < ").Append(Parameter(PrefixEnd(folder)));
                break;
            case TextValue text when text.IsGlob:
                var glob = text.ToGlob(isPath: !ignoreCase);
                if (!ignoreCase && glob.LiteralPrefix.Length > 0)
                {
                    // An index range for the literal start of the pattern, then the exact match.
                    _sql.Append(expression).Append(" >= ").Append(Parameter(glob.LiteralPrefix)).Append(" AND ")
                        .Append(expression).Append(" < ").Append(Parameter(PrefixEnd(glob.LiteralPrefix))).Append(" AND ");
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
                _sql.Append(expression).Append(' ').Append(Symbol(compare.Op)).Append(' ').Append(Parameter(number.Number));
                break;
            case BoolValue b:
                _sql.Append(expression).Append(" = ").Append(b.Value ? "1" : "0");
                break;
        }
    }

    private const string Body = "(SELECT b.body FROM media_bodies b WHERE b.rowid = m.rowid)";

    private static bool Holds(CompareOp op, double left, double right) => op switch
    {
        CompareOp.Greater => left > right,
        CompareOp.GreaterOrEqual => left >= right,
        CompareOp.Less => left < right,
        CompareOp.LessOrEqual => left <= right,
        _ => left == right,
    };

    private static bool IsWild(ReadOnlySpan<char> text) => text.IndexOfAny("*?[\\") >= 0;

    /// <summary>A LIKE pattern for a text glob that is a literal with one <c>*</c> at its end or its start; null for any other.</summary>
    private static string? LikePattern(string glob)
    {
        static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        if (glob.Length > 1 && glob[^1] == '*' && !IsWild(glob.AsSpan(0, glob.Length - 1)))
            return Escape(glob[..^1]) + "%";
        if (glob.Length > 1 && glob[0] == '*' && !IsWild(glob.AsSpan(1)))
            return "%" + Escape(glob[1..]);
        return null;
    }

    private static string Symbol(CompareOp op) => op switch
    {
        CompareOp.Greater => ">",
        CompareOp.GreaterOrEqual => ">=",
        CompareOp.Less => "<",
        CompareOp.LessOrEqual => "<=",
        _ => "=",
    };

    private static string? Column(QueryField field) =>
        field == QueryFields.Kind ? "m.kind"
        : field == QueryFields.Status ? "m.status"
        : field == QueryFields.Mime ? "m.mime"
        : field == QueryFields.Ext ? "m.ext"
        : field == QueryFields.Size ? "m.size"
        : field == QueryFields.Make ? "m.make"
        : field == QueryFields.Model ? "m.model"
        : field == QueryFields.Taken ? "m.taken"
        : field == QueryFields.Hash ? "m.hash"
        : field == QueryFields.Id ? "m.id"
        : field == QueryFields.ContentIdentifier ? "m.content_identifier"
        : field == QueryFields.Width ? "m.width"
        : field == QueryFields.Height ? "m.height"
        : field == QueryFields.Duration ? "m.duration"
        : field == QueryFields.Iso ? "m.iso"
        : field == QueryFields.Aperture ? "m.aperture"
        : field == QueryFields.Exposure ? "m.exposure"
        : field == QueryFields.FocalLength ? "m.focal_length"
        : field == QueryFields.Lens ? "m.lens"
        : field == QueryFields.Author ? "m.author"
        : field == QueryFields.Rating ? "m.rating"
        : field == QueryFields.Label ? "m.label"
        : field == QueryFields.Copies ? "m.copies"
        : null;

    private static string Json(QueryField field) => $"json_extract({Body}, '{field.JsonPath}')";

    private static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);

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
    }

    private static readonly ConcurrentDictionary<(string Pattern, bool IsPath), Glob> Globs = new();
}
