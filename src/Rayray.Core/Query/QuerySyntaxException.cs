namespace Rayray.Core.Query;

/// <summary>A query that cannot be parsed or translated, with the 1-based column it went wrong at.</summary>
public sealed class QuerySyntaxException : Exception
{
    public QuerySyntaxException(string problem, int column)
        : base($"{problem} at column {column}")
    {
        Problem = problem;
        Column = column;
    }

    public QuerySyntaxException() : this("bad query", 1) { }

    public QuerySyntaxException(string message) : this(message, 1) { }

    public QuerySyntaxException(string message, Exception innerException) : base(message, innerException)
    {
        Problem = message;
        Column = 1;
    }

    /// <summary>A well-formed query that a store cannot answer faithfully (no column: the whole query is the problem).</summary>
    public static QuerySyntaxException NotExpressible(string problem) => new(problem, column: 0, withColumn: false);

    private QuerySyntaxException(string problem, int column, bool withColumn)
        : base(withColumn ? $"{problem} at column {column}" : problem)
    {
        Problem = problem;
        Column = column;
    }

    public string Problem { get; } = "";
    public int Column { get; }
}
