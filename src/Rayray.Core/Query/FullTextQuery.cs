namespace Rayray.Core.Query;

/// <summary>Turns a text term into an FTS5 query string where nothing the user typed is FTS syntax.</summary>
public static class FullTextQuery
{
    /// <summary>Each word becomes a quoted FTS5 string (quotes doubled); a phrase stays one string; a prefix gets <c>*</c>.</summary>
    public static string ToFts5(TextNode text)
    {
        static string Quoted(string s) => "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        if (text.Phrase)
            return Quoted(text.Text);
        return Quoted(text.Text) + (text.Prefix ? "*" : "");
    }
}
