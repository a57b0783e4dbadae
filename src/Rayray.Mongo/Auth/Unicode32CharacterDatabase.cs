using System.Globalization;

namespace Rayray.Mongo.Auth;

/// <summary>Lookups over <see cref="Unicode32Data"/>: full decompositions, combining classes and primary composites.</summary>
internal static class Unicode32CharacterDatabase
{
    // Hangul syllables decompose and compose by arithmetic (Unicode 3.2, section 3.12).
    private const int SyllableFirst = 0xAC00;
    private const int SyllableCount = 11172;
    private const int LeadingJamoFirst = 0x1100;
    private const int LeadingJamoCount = 19;
    private const int VowelJamoFirst = 0x1161;
    private const int VowelJamoCount = 21;
    private const int TrailingJamoBase = 0x11A7; // one before the first trailing jamo: index 0 means "none"
    private const int TrailingJamoCount = 28;

    private static readonly Lazy<Tables> Data = new(Tables.Load);

    public static int CombiningClassOf(int codePoint) =>
        Data.Value.CombiningClasses.TryGetValue(codePoint, out var value) ? value : 0;

    /// <summary>The full compatibility decomposition (the NFKD mapping) of a code point; null when it has none.</summary>
    public static int[]? CompatibilityDecompositionOf(int codePoint) =>
        IsHangulSyllable(codePoint) ? DecomposeHangulSyllable(codePoint)
        : Data.Value.FullDecompositions.GetValueOrDefault(codePoint);

    /// <summary>The primary composite of <paramref name="starter"/> followed by <paramref name="next"/>, if NFC forms one.</summary>
    public static bool TryCompose(int starter, int next, out int composite)
    {
        if (starter is >= LeadingJamoFirst and < LeadingJamoFirst + LeadingJamoCount
            && next is >= VowelJamoFirst and < VowelJamoFirst + VowelJamoCount)
        {
            composite = SyllableFirst + ((starter - LeadingJamoFirst) * VowelJamoCount + next - VowelJamoFirst) * TrailingJamoCount;
            return true;
        }
        if (IsHangulSyllable(starter) && (starter - SyllableFirst) % TrailingJamoCount == 0
            && next is > TrailingJamoBase and < TrailingJamoBase + TrailingJamoCount)
        {
            composite = starter + next - TrailingJamoBase;
            return true;
        }
        return Data.Value.PrimaryComposites.TryGetValue(PairKey(starter, next), out composite);
    }

    private static bool IsHangulSyllable(int codePoint) => codePoint is >= SyllableFirst and < SyllableFirst + SyllableCount;

    private static int[] DecomposeHangulSyllable(int syllable)
    {
        var index = syllable - SyllableFirst;
        var leading = LeadingJamoFirst + index / (VowelJamoCount * TrailingJamoCount);
        var vowel = VowelJamoFirst + index % (VowelJamoCount * TrailingJamoCount) / TrailingJamoCount;
        var trailing = index % TrailingJamoCount;
        return trailing == 0 ? [leading, vowel] : [leading, vowel, TrailingJamoBase + trailing];
    }

    private static long PairKey(int first, int second) => ((long)first << 21) | (uint)second;

    private sealed record Tables(
        Dictionary<int, int[]> FullDecompositions,
        Dictionary<int, int> CombiningClasses,
        Dictionary<long, int> PrimaryComposites)
    {
        public static Tables Load()
        {
            var oneLevel = new Dictionary<int, (bool IsCompatibility, int[] Targets)>();
            foreach (var entry in Entries(Unicode32Data.Decompositions))
            {
                var separator = entry.IndexOfAny(['=', '~']);
                var targets = entry[(separator + 1)..].Split(',').Select(CodePointRanges.ParseHex).ToArray();
                oneLevel.Add(CodePointRanges.ParseHex(entry[..separator]), (entry[separator] == '~', targets));
            }

            var combiningClasses = new Dictionary<int, int>();
            foreach (var entry in Entries(Unicode32Data.CombiningClasses))
            {
                var colon = entry.IndexOf(':', StringComparison.Ordinal);
                var dash = entry.IndexOf('-', StringComparison.Ordinal);
                var first = CodePointRanges.ParseHex(entry[..(dash < 0 ? colon : dash)]);
                var last = dash < 0 ? first : CodePointRanges.ParseHex(entry[(dash + 1)..colon]);
                var value = int.Parse(entry.AsSpan(colon + 1), CultureInfo.InvariantCulture);
                for (var codePoint = first; codePoint <= last; codePoint++)
                    combiningClasses.Add(codePoint, value);
            }

            var full = oneLevel.Keys.ToDictionary(codePoint => codePoint, codePoint => Expand(codePoint, oneLevel).ToArray());

            var excluded = CodePointRanges.Parse(Unicode32Data.CompositionExclusions);
            var composites = new Dictionary<long, int>();
            foreach (var (codePoint, (isCompatibility, targets)) in oneLevel)
            {
                // Singletons and decompositions that start with (or belong to) a non-starter never recompose.
                var isPrimaryComposite = !isCompatibility && targets.Length == 2 && !excluded.Contains(codePoint)
                    && !combiningClasses.ContainsKey(codePoint) && !combiningClasses.ContainsKey(targets[0]);
                if (isPrimaryComposite)
                    composites.Add(PairKey(targets[0], targets[1]), codePoint);
            }
            return new Tables(full, combiningClasses, composites);
        }

        private static string[] Entries(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

        private static IEnumerable<int> Expand(int codePoint, Dictionary<int, (bool IsCompatibility, int[] Targets)> oneLevel)
        {
            if (IsHangulSyllable(codePoint))
                return DecomposeHangulSyllable(codePoint);
            return oneLevel.TryGetValue(codePoint, out var mapping)
                ? mapping.Targets.SelectMany(target => Expand(target, oneLevel))
                : [codePoint];
        }
    }
}
