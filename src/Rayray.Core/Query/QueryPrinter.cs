using System.Globalization;
using System.Text;

namespace Rayray.Core.Query;

/// <summary>Prints an AST as canonical query text that parses back to the same AST.</summary>
public static class QueryPrinter
{
    public static string Print(QueryNode node) => node switch
    {
        OrNode or => $"{Print(or.Left)} || {Wrap(or.Right, r => r is OrNode)}",
        AndNode and => $"{Wrap(and.Left, l => l is OrNode)} && {Wrap(and.Right, r => r is OrNode or AndNode)}",
        NotNode not => "!" + Wrap(not.Operand, o => o is OrNode or AndNode),
        TextNode { Phrase: true } text => Quote(text.Text),
        TextNode text => Bare(text.Text, protectStar: true) + (text.Prefix ? "*" : ""),
        HasNode has => "has:" + has.Field.Name,
        SimilarNode similar => string.Create(CultureInfo.InvariantCulture, $"similar:{Bare(similar.Target, protectStar: false)},{similar.MaxDistance}"),
        SimilarHashNode similar => string.Create(CultureInfo.InvariantCulture, $"similar:{Documents.PerceptualHash.Format(similar.Hash)},{similar.MaxDistance}"),
        NearNode near => string.Create(CultureInfo.InvariantCulture, $"near:{near.Latitude:R},{near.Longitude:R},{near.RadiusMeters:R}m"),
        CompareNode compare => compare.Field.Name + Operator(compare.Op) + Value(compare.Value),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, "unknown query node"),
    };

    private static string Wrap(QueryNode node, Func<QueryNode, bool> needsParentheses) =>
        needsParentheses(node) ? $"({Print(node)})" : Print(node);

    private static string Operator(CompareOp op) => op switch
    {
        CompareOp.Equal => ":",
        CompareOp.NotEqual => "!=",
        CompareOp.Greater => ">",
        CompareOp.GreaterOrEqual => ">=",
        CompareOp.Less => "<",
        _ => "<=",
    };

    private static string Value(QueryValue value) => value switch
    {
        TextValue text => text.Text.Length == 0 ? "\"\"" : Bare(text.Text, protectStar: false),
        NumberValue number => number.Number.ToString("R", CultureInfo.InvariantCulture),
        BoolValue b => b.Value ? "true" : "false",
        DateValue date => date.Text,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "unknown query value"),
    };

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>A word with every character the parser would stop at escaped, so it reads back as one word.</summary>
    private static string Bare(string text, bool protectStar)
    {
        var printed = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var special = char.IsWhiteSpace(c) || c is '(' or ')' or '"' or '\\' ||
                          (c == '&' && i + 1 < text.Length && text[i + 1] == '&') ||
                          (c == '|' && i + 1 < text.Length && text[i + 1] == '|') ||
                          (protectStar && c == '*' && i == text.Length - 1) ||
                          (protectStar && i == 0 && (c == '!' || LooksLikeField(text)));
            if (special)
                printed.Append('\\');
            printed.Append(c);
        }
        return printed.ToString();
    }

    /// <summary>A text word such as "camera:x" must not read back as a field term.</summary>
    private static bool LooksLikeField(string text)
    {
        var end = 0;
        if (text.Length == 0 || !(char.IsAsciiLetter(text[0]) || text[0] == '_'))
            return false;
        while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '_' or '.'))
            end++;
        return end < text.Length && text[end] is ':' or '=' or '<' or '>' || (end + 1 < text.Length && text[end] == '!' && text[end + 1] == '=');
    }
}
