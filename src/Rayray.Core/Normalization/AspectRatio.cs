using System.Globalization;

namespace Rayray.Core.Normalization;

/// <summary>The shape of a picture as people name it ("4:3", "16:9"), and its megapixels.</summary>
internal static class AspectRatio
{
    /// <summary>The ratios cameras, phones, screens and films use, landscape; portrait ones are their mirror.</summary>
    private static readonly (int W, int H)[] Common =
    [
        (1, 1), (5, 4), (4, 3), (7, 5), (3, 2), (16, 10), (5, 3), (16, 9), (2, 1), (21, 9), (65, 24), (3, 1),
    ];

    private const double Tolerance = 0.01;

    /// <summary>The nearest common ratio within 1%, else the reduced width:height; null without both sides.</summary>
    public static string? Of(int? width, int? height)
    {
        if (width is not > 0 || height is not > 0)
            return null;
        var (w, h) = (width.Value, height.Value);
        var portrait = h > w;
        var ratio = portrait ? (double)h / w : (double)w / h;
        var nearest = Common.MinBy(c => Math.Abs(((double)c.W / c.H) - ratio));
        if (Math.Abs(((double)nearest.W / nearest.H) - ratio) <= Tolerance * ratio)
            return portrait ? $"{nearest.H}:{nearest.W}" : $"{nearest.W}:{nearest.H}";
        var divisor = Gcd(w, h);
        return string.Create(CultureInfo.InvariantCulture, $"{w / divisor}:{h / divisor}");
    }

    public static double? Megapixels(int? width, int? height) =>
        width is > 0 && height is > 0 ? Math.Round((double)width.Value * height.Value / 100_000, MidpointRounding.AwayFromZero) / 10 : null;

    private static int Gcd(int a, int b)
    {
        while (b != 0)
            (a, b) = (b, a % b);
        return a;
    }
}
