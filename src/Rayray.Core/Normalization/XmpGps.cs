using System.Globalization;

namespace Rayray.Core.Normalization;

/// <summary>Parses XMP GPS coordinates: <c>"DDD,MM,SSk"</c> or <c>"DDD,MM.mmk"</c> where k is N, S, E or W.</summary>
internal static class XmpGps
{
    public static double? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var s = text.Trim();
        var direction = char.ToUpperInvariant(s[^1]);
        if (direction is not ('N' or 'S' or 'E' or 'W'))
            return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) ? plain : null;
        var parts = s[..^1].Split(',');
        double value = 0, scale = 1;
        foreach (var part in parts)
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                return null;
            value += number / scale;
            scale *= 60;
        }
        return direction is 'S' or 'W' ? -value : value;
    }
}
