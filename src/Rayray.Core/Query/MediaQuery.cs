namespace Rayray.Core.Query;

/// <summary>What <c>rayray query</c> asks a store for: a filter, an order and a page.</summary>
public sealed record MediaQuery
{
    /// <summary>Null: every document.</summary>
    public QueryNode? Filter { get; init; }

    /// <summary>Empty: by path.</summary>
    public IReadOnlyList<QuerySort> Sort { get; init; } = [];
    public int? Limit { get; init; }
    public int Skip { get; init; }
}

public sealed record QuerySort(QueryField Field, bool Descending);
