using Rayray.Core.Query;

namespace Rayray.Storage.Sqlite;

/// <summary>How the query language's comparisons and patterns are written in SQL.</summary>
internal static class SqliteSqlPatterns
{
    public static bool Holds(CompareOp op, double left, double right) => op switch
    {
        CompareOp.Greater => left > right,
        CompareOp.GreaterOrEqual => left >= right,
        CompareOp.Less => left < right,
        CompareOp.LessOrEqual => left <= right,
        _ => left == right,
    };

    public static bool IsWild(ReadOnlySpan<char> text) => text.IndexOfAny("*?[\\") >= 0;

    /// <summary>A LIKE pattern for a text glob that is a literal with one <c>*</c> at its end or its start; null for any other.</summary>
    public static string? LikePattern(string glob)
    {
        static string Escape(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        if (glob.Length > 1 && glob[^1] == '*' && !IsWild(glob.AsSpan(0, glob.Length - 1)))
            return Escape(glob[..^1]) + "%";
        if (glob.Length > 1 && glob[0] == '*' && !IsWild(glob.AsSpan(1)))
            return "%" + Escape(glob[1..]);
        return null;
    }

    public static string Symbol(CompareOp op) => op switch
    {
        CompareOp.Greater => ">",
        CompareOp.GreaterOrEqual => ">=",
        CompareOp.Less => "<",
        CompareOp.LessOrEqual => "<=",
        _ => "=",
    };

    public static string PrefixEnd(string prefix) => prefix[..^1] + (char)(prefix[^1] + 1);
}
