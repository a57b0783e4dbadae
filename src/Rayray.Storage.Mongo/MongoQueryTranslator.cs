using System.Globalization;
using System.Text;
using Rayray.Core.Query;
using MongoDB.Bson;

namespace Rayray.Storage.Mongo;

/// <summary>
/// Translates the query AST into a MongoDB filter that means the same as the SQLite translation,
/// within the server's rules: one <c>$text</c> per query, never under <c>$nor</c> or in an <c>$or</c>
/// with other clauses; geo through <c>$geoWithin</c>/<c>$centerSphere</c> (valid inside <c>$or</c> and
/// in aggregation, unlike <c>$near</c>). A query those rules cannot express is refused with a message
/// saying why and what to write instead, never answered differently.
/// </summary>
internal static class MongoQueryTranslator
{
    /// <summary>The radius MongoDB's spherical geometry uses for <c>$centerSphere</c>, in metres.</summary>
    public const double EarthRadiusMeters = 6_378_100;

    public static BsonDocument Translate(QueryNode? filter)
    {
        if (filter is null)
            return new BsonDocument();
        var conjuncts = Conjuncts(filter).ToList();
        var text = TextSearch(conjuncts);
        var clauses = new BsonArray();
        if (text is not null)
            clauses.Add(new BsonDocument("$text", new BsonDocument { { "$search", text.Value.Search }, { "$caseSensitive", false }, { "$diacriticSensitive", false } }));
        foreach (var conjunct in conjuncts)
        {
            if (text is null || !text.Value.Consumed.Contains(conjunct))
                clauses.Add(Node(conjunct));
        }
        return clauses.Count == 1 ? clauses[0].AsBsonDocument : new BsonDocument("$and", clauses);
    }

    /// <summary>The sort key for a field: its path in the document (copies: the number of locations, computed).</summary>
    public static string SortPath(QueryField field) =>
        field == QueryFields.Path ? "file.path" : field == QueryFields.Gps ? "location" : field.Name;

    private static IEnumerable<QueryNode> Conjuncts(QueryNode node) =>
        node is AndNode and ? Conjuncts(and.Left).Concat(Conjuncts(and.Right)) : [node];

    private static IEnumerable<QueryNode> Disjuncts(QueryNode node) =>
        node is OrNode or ? Disjuncts(or.Left).Concat(Disjuncts(or.Right)) : [node];

    /// <summary>
    /// The one $text the query may have: the text terms ANDed at the top (each quoted: MongoDB requires
    /// every phrase), or one OR of plain words at the top (MongoDB matches any of the words).
    /// </summary>
    private static (string Search, HashSet<QueryNode> Consumed)? TextSearch(List<QueryNode> conjuncts)
    {
        var consumed = new HashSet<QueryNode>(ReferenceEqualityComparer.Instance);
        var phrases = new List<string>();
        string? anyOf = null;
        foreach (var conjunct in conjuncts)
        {
            if (conjunct is TextNode text)
            {
                RejectPrefix(text);
                phrases.Add(Quoted(text.Text));
                consumed.Add(conjunct);
            }
            else if (conjunct is OrNode && Disjuncts(conjunct).ToList() is var words && words.All(w => w is TextNode))
            {
                foreach (var word in words.Cast<TextNode>())
                {
                    RejectPrefix(word);
                    if (word.Phrase)
                        throw NotExpressible("MongoDB's text search cannot OR phrases (\"…\" || \"…\"): it requires every phrase; OR single words, or run one query per phrase");
                }
                if (anyOf is not null)
                    throw NotExpressible("MongoDB allows one text search per query: combine the words in one OR group");
                anyOf = string.Join(' ', words.Cast<TextNode>().Select(w => w.Text));
                consumed.Add(conjunct);
            }
        }
        if (anyOf is not null && phrases.Count > 0)
            throw NotExpressible("MongoDB allows one text search per query: an OR of words cannot be combined with other text terms");
        if (consumed.Count == 0)
        {
            RejectNestedText(conjuncts);
            return null;
        }
        RejectNestedText(conjuncts.Where(c => !consumed.Contains(c)));
        return (anyOf ?? string.Join(' ', phrases), consumed);
    }

    private static void RejectPrefix(TextNode text)
    {
        if (text.Prefix)
            throw NotExpressible($"MongoDB's text index matches whole words only, so '{text.Text}*' cannot be searched; search the whole word, or a field glob such as description:*{text.Text}*");
    }

    private static void RejectNestedText(IEnumerable<QueryNode> nodes)
    {
        foreach (var node in nodes)
        {
            if (ContainsText(node))
                throw NotExpressible("MongoDB allows text search only at the top of a query (ANDed with the rest) or as one OR of words — not under ! and not ORed with other kinds of terms; rewrite the query, or use a field glob such as description:*word*");
        }
    }

    private static bool ContainsText(QueryNode node) => node switch
    {
        TextNode => true,
        AndNode and => ContainsText(and.Left) || ContainsText(and.Right),
        OrNode or => ContainsText(or.Left) || ContainsText(or.Right),
        NotNode not => ContainsText(not.Operand),
        _ => false,
    };

    private static BsonDocument Node(QueryNode node) => node switch
    {
        AndNode => new BsonDocument("$and", new BsonArray(Conjuncts(node).Select(Node))),
        OrNode => new BsonDocument("$or", new BsonArray(Disjuncts(node).Select(Node))),
        NotNode not => new BsonDocument("$nor", new BsonArray { Node(not.Operand) }),
        HasNode has => Has(has.Field),
        NearNode near => Near(near),
        CompareNode compare => Compare(compare),
        SimilarHashNode similar => MongoSimilarity.Within(similar),
        _ => throw NotExpressible($"MongoDB cannot run a {node.GetType().Name} here"),
    };

    private static BsonDocument Has(QueryField field)
    {
        if (field == QueryFields.Gps || field == QueryFields.Location)
            return Exists("location", true);
        if (field == QueryFields.Path || field == QueryFields.Copies)
            return Exists("locations.0", true);
        if (field.IsArray)
            return Exists(field.Name + ".0", true);
        return new BsonDocument(field.Name, new BsonDocument { { "$exists", true }, { "$ne", BsonNull.Value } });
    }

    private static BsonDocument Near(NearNode near) =>
        new("location", new BsonDocument("$geoWithin", new BsonDocument("$centerSphere", new BsonArray
        {
            new BsonArray { near.Longitude, near.Latitude },
            near.RadiusMeters / EarthRadiusMeters,
        })));

    private static BsonDocument Compare(CompareNode compare)
    {
        var field = compare.Field;
        if (field == QueryFields.Copies)
            return Copies(compare);
        if (compare.Op == CompareOp.NotEqual)
        {
            // "x != v" also finds documents without x, as on SQLite ($nor matches a missing field).
            return new BsonDocument("$nor", new BsonArray { Compare(compare with { Op = CompareOp.Equal }) });
        }

        if (field == QueryFields.Tags)
            return Tags(compare);

        var path = field == QueryFields.Path ? "locations.path" : field.Name;
        var ignoreCase = field != QueryFields.Path && field.Type is FieldType.Text;
        return compare.Value switch
        {
            TextValue text when text.IsGlob => new BsonDocument(path, Regex(text.ToGlob(isPath: !ignoreCase).RegexPattern, ignoreCase)),
            TextValue text when ignoreCase => new BsonDocument(path, Regex("^" + EscapeRegex(text.Text) + @"\z", ignoreCase: true)),
            TextValue text => new BsonDocument(path, text.Text),
            DateValue date => Dates(path, compare.Op, date),
            NumberValue number => new BsonDocument(path, compare.Op == CompareOp.Equal ? number.Number : new BsonDocument(Operator(compare.Op), number.Number)),
            BoolValue flag => new BsonDocument(path, flag.Value),
            _ => throw NotExpressible($"MongoDB cannot compare {field.Name} with {compare.Value}"),
        };
    }

    /// <summary>
    /// <c>tag:</c> on the stored tag keys (each tag, each start and the last level of a tag path, in lower case), so
    /// "the leaf or a start of a path" is one equality on the <c>tag_keys</c> index; a glob is a regex over the keys.
    /// </summary>
    private static BsonDocument Tags(CompareNode compare) => compare.Value switch
    {
        TextValue text when text.IsGlob => new BsonDocument(MongoDocuments.TagKeysField, Regex(text.ToGlob(isPath: false).RegexPattern, ignoreCase: true)),
        TextValue text => new BsonDocument(MongoDocuments.TagKeysField, MongoDocuments.TagKey(text.Text)),
        _ => throw NotExpressible($"tags are compared with text, not {compare.Value}"),
    };

    /// <summary><c>copies</c> is how many locations a document has: "locations.N exists" says it has more than N.</summary>
    private static BsonDocument Copies(CompareNode compare)
    {
        if (compare.Value is not NumberValue { Number: var n })
            throw NotExpressible("copies is compared with a number");
        BsonDocument AtLeast(long count) => count <= 0 ? new BsonDocument() : Exists("locations." + (count - 1).ToString(CultureInfo.InvariantCulture), true);
        BsonDocument Fewer(long count) => count <= 0 ? Exists("_id", false) : Exists("locations." + (count - 1).ToString(CultureInfo.InvariantCulture), false);
        return compare.Op switch
        {
            CompareOp.Greater => AtLeast((long)Math.Floor(n) + 1),
            CompareOp.GreaterOrEqual => AtLeast((long)Math.Ceiling(n)),
            CompareOp.Less => Fewer((long)Math.Ceiling(n)),
            CompareOp.LessOrEqual => Fewer((long)Math.Floor(n) + 1),
            CompareOp.NotEqual when n != Math.Floor(n) => new BsonDocument(),
            CompareOp.NotEqual => new BsonDocument("$nor", new BsonArray { Copies(compare with { Op = CompareOp.Equal }) }),
            _ when n != Math.Floor(n) => Exists("_id", false),
            _ => new BsonDocument("$and", new BsonArray { AtLeast((long)n), Fewer((long)n + 1) }),
        };
    }

    /// <summary>
    /// Dates are stored as ISO text (a capture time keeps the camera's own offset, or none), so a date
    /// range is a text range. The bounds are cut to the precision typed, so "2024-05-01" also takes
    /// a time written without seconds or fraction on that day.
    /// </summary>
    private static BsonDocument Dates(string path, CompareOp op, DateValue date)
    {
        var start = Shortest(date.Start);
        var end = Shortest(date.End);
        return op switch
        {
            CompareOp.Greater => new BsonDocument(path, new BsonDocument("$gte", end)),
            CompareOp.GreaterOrEqual => new BsonDocument(path, new BsonDocument("$gte", start)),
            CompareOp.Less => new BsonDocument(path, new BsonDocument("$lt", start)),
            CompareOp.LessOrEqual => new BsonDocument(path, new BsonDocument("$lt", end)),
            _ => new BsonDocument(path, new BsonDocument { { "$gte", start }, { "$lt", end } }),
        };
    }

    /// <summary>"2024-05-01T00:00:00.0000000" → "2024-05-01": drops zero fractions, seconds, and midnight.</summary>
    internal static string Shortest(string wallClock)
    {
        var text = wallClock;
        if (text.IndexOf('.', StringComparison.Ordinal) is var dot and > 0)
        {
            text = text.TrimEnd('0');
            if (text.EndsWith('.'))
                text = text[..^1];
        }
        if (text.EndsWith(":00", StringComparison.Ordinal) && text.Length == "yyyy-MM-ddTHH:mm:ss".Length)
            text = text[..^3];
        if (text.EndsWith("T00:00", StringComparison.Ordinal))
            text = text[..^6];
        return text;
    }

    private static BsonDocument Exists(string path, bool exists) => new(path, new BsonDocument("$exists", exists));

    private static BsonRegularExpression Regex(string pattern, bool ignoreCase) => new(pattern, ignoreCase ? "is" : "s");

    /// <summary>Escapes every ASCII character that is not a letter or digit: in PCRE, a backslash before one is always literal.</summary>
    internal static string EscapeRegex(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c < 128 && !char.IsAsciiLetterOrDigit(c))
                escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static string Operator(CompareOp op) => op switch
    {
        CompareOp.Greater => "$gt",
        CompareOp.GreaterOrEqual => "$gte",
        CompareOp.Less => "$lt",
        CompareOp.LessOrEqual => "$lte",
        _ => "$eq",
    };

    private static string Quoted(string text) => "\"" + text.Replace("\"", " ", StringComparison.Ordinal) + "\"";

    private static QuerySyntaxException NotExpressible(string problem) => QuerySyntaxException.NotExpressible(problem);
}
