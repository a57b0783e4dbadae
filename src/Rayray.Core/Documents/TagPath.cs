namespace Rayray.Core.Documents;

/// <summary>
/// A hierarchical keyword kept whole in <c>tags</c>, its levels separated by <c>|</c>
/// (<c>Places|France|Marseille</c>), whatever separator the writer used. A query's <c>tag:</c> finds a
/// document by one of its tags, by the last level of a path (<c>tag:Marseille</c>), or by the start of a
/// path up to a level (<c>tag:Places|France</c>); the stores index the <see cref="Keys"/> for that.
/// </summary>
public static class TagPath
{
    public const char Separator = '|';

    /// <summary>The path with its levels trimmed, empty levels dropped and <c>|</c> between them; null when no level is left.</summary>
    public static string? Normalize(string? path, char separator = Separator)
    {
        if (string.IsNullOrWhiteSpace(path))
            return null;
        var levels = path.Split(separator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return levels.Length == 0 ? null : string.Join(Separator, levels);
    }

    /// <summary>
    /// What <c>tag:</c> matches a document by: each tag, and for a path each of its starts that ends at a level
    /// and its last level; once each (ignoring case), in the order of the tags. A plain keyword is its own key,
    /// so a path's last level that is also a plain keyword is not repeated.
    /// </summary>
    public static List<string> Keys(IEnumerable<string> tags)
    {
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Add(string key)
        {
            if (key.Length > 0 && seen.Add(key))
                keys.Add(key);
        }

        foreach (var tag in tags)
        {
            Add(tag);
            if (!tag.Contains(Separator, StringComparison.Ordinal))
                continue;
            for (var end = tag.IndexOf(Separator, StringComparison.Ordinal); end > 0; end = tag.IndexOf(Separator, end + 1))
                Add(tag[..end]);
            Add(tag[(tag.LastIndexOf(Separator) + 1)..]);
        }
        return keys;
    }
}
