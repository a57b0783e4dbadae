using System.Globalization;

namespace Rayray.Mongo.Auth;

/// <summary>A set of Unicode code points written as sorted, non-overlapping inclusive ranges.</summary>
internal sealed class CodePointRanges
{
    private readonly int[] _firsts;
    private readonly int[] _lasts;

    private CodePointRanges(int[] firsts, int[] lasts)
    {
        _firsts = firsts;
        _lasts = lasts;
    }

    /// <summary>Reads whitespace-separated hexadecimal entries such as <c>00AD</c> or <c>0234-024F</c>, in ascending order.</summary>
    public static CodePointRanges Parse(string entries)
    {
        var items = entries.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var firsts = new int[items.Length];
        var lasts = new int[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            var dash = items[i].IndexOf('-', StringComparison.Ordinal);
            firsts[i] = ParseHex(dash < 0 ? items[i] : items[i][..dash]);
            lasts[i] = dash < 0 ? firsts[i] : ParseHex(items[i][(dash + 1)..]);
            if (lasts[i] < firsts[i] || (i > 0 && firsts[i] <= lasts[i - 1]))
                throw new FormatException($"Code point range '{items[i]}' is reversed or out of order.");
        }
        return new CodePointRanges(firsts, lasts);
    }

    public bool Contains(int codePoint)
    {
        var index = Array.BinarySearch(_firsts, codePoint);
        if (index >= 0)
            return true;
        var candidate = ~index - 1;
        return candidate >= 0 && codePoint <= _lasts[candidate];
    }

    internal static int ParseHex(string hex) =>
        int.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
}
