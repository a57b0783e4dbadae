namespace Rayray.Mongo.Auth;

/// <summary>
/// Unicode normalization form KC by the Unicode 3.2 character database (UAX #15), as stringprep requires. .NET's own
/// <see cref="string.Normalize()"/> cannot be used: it follows a later Unicode version, and under
/// InvariantGlobalization (which rayray sets) it leaves non-ASCII text unnormalized.
/// </summary>
/// <remarks>
/// Code points that Unicode 3.2 does not assign are passed through as starters that neither decompose nor compose,
/// which is how a Unicode 3.2 normalizer treats them.
/// </remarks>
internal static class Unicode32Nfkc
{
    public static List<TracedCodePoint> Normalize(IReadOnlyList<TracedCodePoint> input)
    {
        var decomposed = new List<TracedCodePoint>(input.Count);
        foreach (var codePoint in input)
        {
            var targets = Unicode32CharacterDatabase.CompatibilityDecompositionOf(codePoint.Value);
            if (targets is null)
                decomposed.Add(codePoint);
            else
                decomposed.AddRange(targets.Select(target => codePoint with { Value = target }));
        }
        OrderCanonically(decomposed);
        return Compose(decomposed);
    }

    /// <summary>Sorts each run of non-starters by combining class, keeping equal classes in their order.</summary>
    private static void OrderCanonically(List<TracedCodePoint> codePoints)
    {
        for (var i = 1; i < codePoints.Count; i++)
        {
            var current = codePoints[i];
            var currentClass = Unicode32CharacterDatabase.CombiningClassOf(current.Value);
            if (currentClass == 0)
                continue;
            var j = i;
            while (j > 0 && Unicode32CharacterDatabase.CombiningClassOf(codePoints[j - 1].Value) > currentClass)
            {
                codePoints[j] = codePoints[j - 1];
                j--;
            }
            codePoints[j] = current;
        }
    }

    /// <summary>Canonical composition: each character joins the last starter unless something in between blocks it.</summary>
    private static List<TracedCodePoint> Compose(List<TracedCodePoint> decomposed)
    {
        var composed = new List<TracedCodePoint>(decomposed.Count);
        var starterIndex = -1;
        var lastClass = 0;
        foreach (var codePoint in decomposed)
        {
            var combiningClass = Unicode32CharacterDatabase.CombiningClassOf(codePoint.Value);
            var isBlocked = composed.Count - 1 != starterIndex && (lastClass == 0 || lastClass >= combiningClass);
            if (starterIndex >= 0 && !isBlocked
                && Unicode32CharacterDatabase.TryCompose(composed[starterIndex].Value, codePoint.Value, out var composite))
            {
                composed[starterIndex] = composed[starterIndex] with { Value = composite };
                continue;
            }
            if (combiningClass == 0)
                starterIndex = composed.Count;
            lastClass = combiningClass;
            composed.Add(codePoint);
        }
        return composed;
    }
}
