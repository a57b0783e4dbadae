using System.Text;
using System.Text.RegularExpressions;

namespace Rayray.Core.Common;

/// <summary>
/// A shell-style glob: <c>*</c> matches within one path segment, <c>**</c> across segments,
/// <c>?</c> one character, <c>[abc]</c>/<c>[!abc]</c> a set, and <c>\</c> escapes the next character.
/// For text that is not a path (<c>pathAware: false</c>) a <c>/</c> is an ordinary character and <c>*</c> matches anything.
/// </summary>
public sealed class Glob
{
    private readonly Regex _regex;

    private Glob(string pattern, Regex regex)
    {
        Pattern = pattern;
        _regex = regex;
    }

    public string Pattern { get; }

    /// <summary>True when the pattern has any wildcard; a glob without one matches only itself.</summary>
    public bool HasWildcards { get; private init; }

    /// <summary>The literal text before the first wildcard, usable as an index range prefix.</summary>
    public string LiteralPrefix { get; private init; } = "";

    /// <summary>
    /// The regular expression the glob compiles to (anchored, dot matches newline), in the syntax
    /// .NET and PCRE share, so a server (MongoDB's $regex) can run the same match.
    /// </summary>
    public string RegexPattern { get; private init; } = "";

    public static Glob Parse(string pattern, bool ignoreCase, bool pathAware = true)
    {
        var anyOne = pathAware ? "[^/]" : ".";
        var regex = new StringBuilder("^", pattern.Length * 2);
        var prefix = new StringBuilder();
        var wildcards = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*' when i + 1 < pattern.Length && pattern[i + 1] == '*':
                    // "**/" also matches zero folders, so "a/**/b" matches "a/b".
                    if (i + 2 < pattern.Length && pattern[i + 2] == '/')
                    {
                        regex.Append("(?:.*/)?");
                        i += 2;
                    }
                    else
                    {
                        regex.Append(".*");
                        i++;
                    }
                    wildcards = true;
                    break;
                case '*':
                    regex.Append(anyOne).Append('*');
                    wildcards = true;
                    break;
                case '?':
                    regex.Append(anyOne);
                    wildcards = true;
                    break;
                case '[':
                    var close = pattern.IndexOf(']', i + 2);
                    if (close < 0)
                    {
                        regex.Append(@"\[");
                        if (!wildcards) prefix.Append(c);
                        break;
                    }
                    var set = pattern[(i + 1)..close];
                    var negate = set.StartsWith('!') || set.StartsWith('^');
                    if (negate) set = set[1..];
                    regex.Append('[').Append(negate ? "^" : "").Append(set.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("[", @"\[", StringComparison.Ordinal)).Append(']');
                    i = close;
                    wildcards = true;
                    break;
                case '\\' when i + 1 < pattern.Length:
                    i++;
                    regex.Append(Regex.Escape(pattern[i].ToString()));
                    if (!wildcards) prefix.Append(pattern[i]);
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    if (!wildcards) prefix.Append(c);
                    break;
            }
        }
        // \z, not $: "$" would also match before a final newline, and file names may end in one.
        regex.Append(@"\z");
        var options = RegexOptions.CultureInvariant | RegexOptions.Singleline | (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None);
        return new Glob(pattern, new Regex(regex.ToString(), options, TimeSpan.FromSeconds(1)))
        {
            RegexPattern = regex.ToString(),
            HasWildcards = wildcards,
            LiteralPrefix = prefix.ToString(),
        };
    }

    public bool IsMatch(string text) => _regex.IsMatch(text);

    public override string ToString() => Pattern;
}
