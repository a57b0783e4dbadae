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

/// <summary>
/// <c>similar:TARGET[,DISTANCE]</c> as typed: the target (a document id, content hash, path, or a perceptual hash) is
/// looked up by the store (<see cref="SimilarTargets"/>) before the query is translated.
/// </summary>
/// <param name="Column">Where the target starts in the query, for the error when it has no hash.</param>
public sealed record SimilarNode(string Target, int MaxDistance, int Column) : QueryNode;

/// <summary>A resolved <see cref="SimilarNode"/>: images whose perceptual hash is within <paramref name="MaxDistance"/> bits of <paramref name="Hash"/>, except the document <paramref name="ExcludedId"/>.</summary>
public sealed record SimilarHashNode(ulong Hash, int MaxDistance, string? ExcludedId) : QueryNode;
