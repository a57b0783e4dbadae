using System.Globalization;
using System.Numerics;

namespace Rayray.Core.Documents;

/// <summary>
/// A 64-bit perceptual hash of an image (a difference hash, <see cref="Extraction.Similarity.DifferenceHash"/>):
/// pictures that look alike have hashes a few bits apart. Written as 16 lowercase hex digits.
/// </summary>
public static class PerceptualHash
{
    /// <summary>
    /// How many of the 64 bits may differ for <c>similar:</c> and the near-duplicate groups of <c>stats</c>. A half-size
    /// recompressed copy is 0–4 bits from its original, an unrelated picture about 32 (half the bits);
    /// 10 leaves room for a re-exported edit (a little contrast, a watermark) without reaching unrelated pictures.
    /// </summary>
    public const int DefaultDistance = 10;

    public static string Format(ulong hash) => hash.ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>Reads 16 hex digits (either case).</summary>
    public static bool TryParse(string? text, out ulong hash)
    {
        hash = 0;
        return text is { Length: 16 } && ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out hash);
    }

    /// <summary>How many bits differ (the Hamming distance).</summary>
    public static int Distance(ulong a, ulong b) => BitOperations.PopCount(a ^ b);
}
