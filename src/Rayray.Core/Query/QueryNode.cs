namespace Rayray.Core.Query;

/// <summary>The query AST. One parser produces it; each store translates it.</summary>
public abstract record QueryNode;

public sealed record AndNode(QueryNode Left, QueryNode Right) : QueryNode;

public sealed record OrNode(QueryNode Left, QueryNode Right) : QueryNode;

public sealed record NotNode(QueryNode Operand) : QueryNode;

/// <summary>Full-text search over tags, people, description, file name, make, model, author and place names.</summary>
/// <param name="Phrase">A quoted phrase (the words in this order) rather than one word.</param>
/// <param name="Prefix">A word ending in <c>*</c>: every word starting with it.</param>
public sealed record TextNode(string Text, bool Phrase, bool Prefix = false) : QueryNode;

/// <summary><c>field:value</c>, <c>field&gt;=value</c>, …</summary>
public sealed record CompareNode(QueryField Field, CompareOp Op, QueryValue Value) : QueryNode;

/// <summary><c>has:field</c>: the field is present (an array: not empty).</summary>
public sealed record HasNode(QueryField Field) : QueryNode;

/// <summary><c>near:lat,lon,radius</c>: within the radius (metres) of the point, on the globe.</summary>
public sealed record NearNode(double Latitude, double Longitude, double RadiusMeters) : QueryNode;

public enum CompareOp
{
    Equal,
    NotEqual,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
}
