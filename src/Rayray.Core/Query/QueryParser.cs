using System.Globalization;
using System.Text;
using Rayray.Core.Documents;

namespace Rayray.Core.Query;

/// <summary>
/// Parses the query language (docs/query-language.md) into an AST. Precedence: <c>!</c>, then
/// <c>&amp;&amp;</c> (also implied between terms side by side), then <c>||</c>. Every error names
/// the 1-based column and what was expected there.
/// </summary>
public static class QueryParser
{
    public static QueryNode Parse(string text)
    {
        var parser = new Parser(text);
        return parser.ParseQuery();
    }

    private sealed class Parser(string text)
    {
        private int _pos;

        private int Column => _pos + 1;
        private bool AtEnd => _pos >= text.Length;
        private char Current => text[_pos];

        public QueryNode ParseQuery()
        {
            SkipSpace();
            if (AtEnd)
                throw new QuerySyntaxException("the query is empty: expected a term", Column);
            var node = ParseOr();
            SkipSpace();
            if (!AtEnd)
            {
                throw Current == ')'
                    ? new QuerySyntaxException("unexpected ')' with no '(' to close", Column)
                    : new QuerySyntaxException($"unexpected '{Current}'", Column);
            }
            return node;
        }

        private QueryNode ParseOr()
        {
            var left = ParseAnd();
            while (true)
            {
                SkipSpace();
                if (!LookingAt("||"))
                    return left;
                var at = Column;
                _pos += 2;
                left = new OrNode(left, ParseAnd(afterOperator: "||", operatorColumn: at));
            }
        }

        private QueryNode ParseAnd(string? afterOperator = null, int operatorColumn = 0)
        {
            var left = ParseUnary(afterOperator, operatorColumn);
            while (true)
            {
                SkipSpace();
                if (LookingAt("&&"))
                {
                    var at = Column;
                    _pos += 2;
                    left = new AndNode(left, ParseUnary("&&", at));
                }
                else if (!AtEnd && Current != ')' && !LookingAt("||"))
                {
                    left = new AndNode(left, ParseUnary()); // terms side by side mean AND
                }
                else
                {
                    return left;
                }
            }
        }

        private QueryNode ParseUnary(string? afterOperator = null, int operatorColumn = 0)
        {
            SkipSpace();
            if (!AtEnd && Current == '!' && !LookingAt("!="))
            {
                var at = Column;
                _pos++;
                return new NotNode(ParseUnary("!", at));
            }
            return ParsePrimary(afterOperator, operatorColumn);
        }

        private QueryNode ParsePrimary(string? afterOperator, int operatorColumn)
        {
            SkipSpace();
            if (AtEnd || Current == ')' || LookingAt("&&") || LookingAt("||"))
            {
                var what = afterOperator is null ? "expected a term" : $"expected a term after '{afterOperator}' (column {operatorColumn})";
                throw new QuerySyntaxException(what, Column);
            }
            if (Current == '(')
            {
                var open = Column;
                _pos++;
                SkipSpace();
                if (!AtEnd && Current == ')')
                    throw new QuerySyntaxException("expected a term inside '()'", Column);
                var inner = ParseOr();
                SkipSpace();
                if (AtEnd || Current != ')')
                    throw new QuerySyntaxException($"expected ')' to close the '(' at column {open}", Column);
                _pos++;
                return inner;
            }
            if (Current == '"')
            {
                var (phrase, _) = ReadQuoted();
                if (phrase.Length == 0)
                    throw new QuerySyntaxException("an empty quoted text searches for nothing", Column - 2);
                return new TextNode(phrase, Phrase: true);
            }
            return ParseTerm();
        }

        private QueryNode ParseTerm()
        {
            var start = _pos;
            var name = ReadName();
            var op = name.Length > 0 ? ReadOperator() : null;
            if (op is null)
            {
                _pos = start;
                var (word, escaped) = ReadBare();
                var prefix = word.Length > 1 && word[^1] == '*' && !escaped.Contains(word.Length - 1);
                return new TextNode(prefix ? word[..^1] : word, Phrase: false, Prefix: prefix);
            }

            var termText = text[start.._pos];
            var valueColumn = Column;
            if (AtEnd || char.IsWhiteSpace(Current) || Current == ')' || LookingAt("&&") || LookingAt("||"))
                throw new QuerySyntaxException($"expected a value after '{termText}'", valueColumn);
            var raw = Current == '"' ? ReadQuoted().Text : ReadBare().Text;

            if (name.Equals("has", StringComparison.OrdinalIgnoreCase) && op == CompareOp.Equal)
                return QueryFields.FindGroup(raw) is { } hasGroup
                    ? hasGroup.Select(f => (QueryNode)new HasNode(f)).Aggregate((l, r) => new OrNode(l, r))
                    : new HasNode(FieldNamed(raw, valueColumn, forHas: true));
            if (name.Equals("near", StringComparison.OrdinalIgnoreCase) && op == CompareOp.Equal)
                return ParseNear(raw, valueColumn);
            if (name.Equals("similar", StringComparison.OrdinalIgnoreCase) && op == CompareOp.Equal)
                return ParseSimilar(raw, valueColumn);

            if (QueryFields.FindGroup(name) is { } group)
                return Group(group, op.Value, raw, termText, start + 1, valueColumn);
            var field = FieldNamed(name, start + 1, forHas: false);
            if (op is not (CompareOp.Equal or CompareOp.NotEqual) && field.Type is FieldType.Text or FieldType.Keyword or FieldType.Path)
                throw new QuerySyntaxException($"'{termText}' compares by order, but {field.Name} is text: use ':' or '!='", start + 1);
            return new CompareNode(field, op.Value, ParseValue(field, raw, termText, valueColumn));
        }

        /// <summary><c>country:PT</c>: any of the group's fields equals the value; <c>country!=PT</c>: none does.</summary>
        private static QueryNode Group(IReadOnlyList<QueryField> fields, CompareOp op, string raw, string term, int column, int valueColumn)
        {
            if (op is not (CompareOp.Equal or CompareOp.NotEqual))
                throw new QuerySyntaxException($"'{term}' compares by order, but place names are text: use ':' or '!='", column);
            var compares = fields.Select(f => (QueryNode)new CompareNode(f, op, ParseValue(f, raw, term, valueColumn)));
            return op == CompareOp.Equal ? compares.Aggregate((l, r) => new OrNode(l, r)) : compares.Aggregate((l, r) => new AndNode(l, r));
        }

        private static QueryField FieldNamed(string name, int column, bool forHas)
        {
            var field = QueryFields.Find(name);
            if (field is null)
            {
                var suggestion = QueryFields.Suggest(name);
                throw new QuerySyntaxException(
                    $"unknown field '{name}'{(suggestion is null ? "" : $" (did you mean '{suggestion}'?)")}", column);
            }
            if (!forHas && (field == QueryFields.Location || field == QueryFields.Gps))
                throw new QuerySyntaxException($"{field.Name} cannot be compared: use has:{field.Name} or near:lat,lon,radius", column);
            if (!forHas && field == QueryFields.MotionPhoto)
                throw new QuerySyntaxException($"{field.Name} cannot be compared: use has:{field.Name}", column);
            return field;
        }

        private static QueryValue ParseValue(QueryField field, string raw, string term, int column)
        {
            QueryValue? value = field.Type switch
            {
                FieldType.Text or FieldType.Path => new TextValue(raw),
                FieldType.Keyword => field.Keywords!.FirstOrDefault(k => k.Equals(raw, StringComparison.OrdinalIgnoreCase)) is { } keyword
                    ? new TextValue(keyword)
                    : throw new QuerySyntaxException($"expected {string.Join(", ", field.Keywords!.Take(field.Keywords!.Count - 1))} or {field.Keywords![^1]} after '{term}', not '{raw}'", column),
                FieldType.Number => Number(raw) is { } n ? new NumberValue(n) : null,
                FieldType.Size => Size(raw) is { } bytes ? new NumberValue(bytes) : null,
                FieldType.Seconds => Seconds(raw) is { } seconds ? new NumberValue(seconds) : null,
                FieldType.Date => Date(raw),
                FieldType.Bool => raw.ToLowerInvariant() switch
                {
                    "true" or "yes" or "1" => new BoolValue(true),
                    "false" or "no" or "0" => new BoolValue(false),
                    _ => null,
                },
                _ => null,
            };
            return value ?? throw new QuerySyntaxException($"expected {Expected(field.Type)} after '{term}', not '{raw}'", column);
        }

        private static string Expected(FieldType type) => type switch
        {
            FieldType.Number => "a number",
            FieldType.Size => "a size such as 2500000, 10MB or 1.5GB",
            FieldType.Seconds => "seconds such as 0.004, 1/250, 90 or 2m",
            FieldType.Date => "a date such as 2024, 2024-05, 2024-05-01 or 2024-05-01T18:30",
            FieldType.Bool => "true or false",
            _ => "a value",
        };

        private static NearNode ParseNear(string raw, int column)
        {
            var parts = raw.Split(',');
            if (parts.Length != 3 || Number(parts[0]) is not { } lat || Number(parts[1]) is not { } lon || Distance(parts[2]) is not { } radius)
                throw new QuerySyntaxException($"expected near:latitude,longitude,radius such as near:37.7749,-122.4194,5km, not 'near:{raw}'", column);
            if (lat is < -90 or > 90)
                throw new QuerySyntaxException($"latitude {parts[0]} is outside -90..90", column);
            if (lon is < -180 or > 180)
                throw new QuerySyntaxException($"longitude {parts[1]} is outside -180..180", column + parts[0].Length + 1);
            if (radius <= 0)
                throw new QuerySyntaxException("the radius must be more than 0", column + parts[0].Length + parts[1].Length + 2);
            return new NearNode(lat, lon, radius);
        }

        /// <summary>
        /// <c>similar:ID</c> or <c>similar:ID,8</c>: digits after the last comma are the distance; anything else after a
        /// comma is part of the target (a path may hold commas).
        /// </summary>
        private static SimilarNode ParseSimilar(string raw, int column)
        {
            var comma = raw.LastIndexOf(',');
            var distanceText = comma < 0 ? "" : raw[(comma + 1)..];
            if (distanceText.Length == 0 || !distanceText.All(char.IsAsciiDigit))
            {
                if (comma == raw.Length - 1)
                    throw new QuerySyntaxException($"expected a distance (bits of the perceptual hash, 0 to 64) after 'similar:{raw}'", column + raw.Length);
                return new SimilarNode(raw, PerceptualHash.DefaultDistance, column);
            }
            if (comma == 0)
                throw new QuerySyntaxException("expected similar:ID or similar:ID,DISTANCE such as similar:4f1c2a9b8e7d6c5b4a392817,8", column);
            if (!int.TryParse(distanceText, NumberStyles.None, CultureInfo.InvariantCulture, out var distance) || distance > 64)
                throw new QuerySyntaxException($"the distance after 'similar:{raw[..comma]},' counts bits of a 64-bit hash: 0 to 64, not {distanceText}", column + comma + 1);
            return new SimilarNode(raw[..comma], distance, column);
        }

        private static double? Number(string text) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

        private static double? WithUnit(string text, params (string Unit, double Factor)[] units)
        {
            foreach (var (unit, factor) in units.OrderByDescending(u => u.Unit.Length))
            {
                if (text.Length > unit.Length && text.EndsWith(unit, StringComparison.OrdinalIgnoreCase) && Number(text[..^unit.Length].Trim()) is { } n)
                    return n * factor;
            }
            return Number(text);
        }

        private static double? Size(string text) => WithUnit(text,
            ("B", 1), ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12), ("KiB", 1024), ("MiB", 1 << 20), ("GiB", 1 << 30), ("TiB", 1L << 40));

        private static double? Seconds(string text)
        {
            var slash = text.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0 && Number(text[..slash]) is { } numerator && Number(text[(slash + 1)..]) is { } denominator && denominator != 0)
                return numerator / denominator;
            return WithUnit(text, ("ms", 0.001), ("s", 1), ("m", 60), ("min", 60), ("h", 3600));
        }

        private static double? Distance(string text) => WithUnit(text, ("m", 1), ("km", 1000));

        private static DateValue? Date(string text)
        {
            string[] formats = ["yyyy", "yyyy-MM", "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];
            for (var precision = 0; precision < formats.Length; precision++)
            {
                if (!DateTime.TryParseExact(text, formats[precision], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
                    continue;
                var end = precision switch
                {
                    0 => start.AddYears(1),
                    1 => start.AddMonths(1),
                    2 => start.AddDays(1),
                    3 => start.AddMinutes(1),
                    _ => start.AddSeconds(1),
                };
                const string Sortable = "yyyy-MM-dd'T'HH:mm:ss.fffffff";
                return new DateValue(text, start.ToString(Sortable, CultureInfo.InvariantCulture), end.ToString(Sortable, CultureInfo.InvariantCulture));
            }
            return null;
        }

        private string ReadName()
        {
            var start = _pos;
            if (AtEnd || !(char.IsAsciiLetter(Current) || Current == '_'))
                return "";
            while (!AtEnd && (char.IsAsciiLetterOrDigit(Current) || Current is '_' or '.'))
                _pos++;
            return text[start.._pos];
        }

        private CompareOp? ReadOperator()
        {
            foreach (var (symbol, op) in new[] { (">=", CompareOp.GreaterOrEqual), ("<=", CompareOp.LessOrEqual), ("!=", CompareOp.NotEqual), (">", CompareOp.Greater), ("<", CompareOp.Less), (":", CompareOp.Equal), ("=", CompareOp.Equal) })
            {
                if (LookingAt(symbol))
                {
                    _pos += symbol.Length;
                    return op;
                }
            }
            return null;
        }

        /// <summary>A bare word: up to a space, a parenthesis, a quote or &amp;&amp; / ||; a backslash takes the next character as it is.</summary>
        private (string Text, HashSet<int> Escaped) ReadBare()
        {
            var value = new StringBuilder();
            var escaped = new HashSet<int>();
            while (!AtEnd && !char.IsWhiteSpace(Current) && Current is not ('(' or ')' or '"') && !LookingAt("&&") && !LookingAt("||"))
            {
                if (Current == '\\')
                {
                    if (_pos + 1 >= text.Length)
                        throw new QuerySyntaxException("a '\\' at the end escapes nothing", Column);
                    _pos++;
                    escaped.Add(value.Length);
                }
                value.Append(Current);
                _pos++;
            }
            return (value.ToString(), escaped);
        }

        /// <summary>A "quoted" string; \" and \\ inside it stand for themselves.</summary>
        private (string Text, int Start) ReadQuoted()
        {
            var open = Column;
            _pos++;
            var value = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                    throw new QuerySyntaxException($"the quote opened at column {open} is never closed", Column);
                if (Current == '"')
                {
                    _pos++;
                    return (value.ToString(), open);
                }
                if (Current == '\\' && _pos + 1 < text.Length)
                    _pos++;
                value.Append(Current);
                _pos++;
            }
        }

        private bool LookingAt(string symbol) => string.CompareOrdinal(text, _pos, symbol, 0, symbol.Length) == 0;

        private void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(Current))
                _pos++;
        }
    }
}
