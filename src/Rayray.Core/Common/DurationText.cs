using System.Globalization;
using System.Text.RegularExpressions;

namespace Rayray.Core.Common;

/// <summary>Durations as people type them: <c>90</c> (seconds), <c>30s</c>, <c>5m</c>, <c>6h</c>, <c>2d</c>, <c>1h30m</c>.</summary>
public static partial class DurationText
{
    [GeneratedRegex(@"^\s*(?:(\d+(?:\.\d+)?)\s*(d|h|m|min|s|ms)\s*)+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WithUnits();

    [GeneratedRegex(@"(\d+(?:\.\d+)?)\s*(d|h|min|ms|m|s)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Part();

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            if (seconds < 0 || !double.IsFinite(seconds))
                return false;
            duration = TimeSpan.FromSeconds(seconds);
            return true;
        }
        if (!WithUnits().IsMatch(text))
            return false;
        foreach (Match part in Part().Matches(text))
        {
            var value = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            duration += part.Groups[2].Value.ToLowerInvariant() switch
            {
                "d" => TimeSpan.FromDays(value),
                "h" => TimeSpan.FromHours(value),
                "m" or "min" => TimeSpan.FromMinutes(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                _ => TimeSpan.FromSeconds(value),
            };
        }
        return true;
    }

    /// <summary>A short human form: <c>2h 5m</c>, <c>45 s</c>.</summary>
    public static string Format(TimeSpan duration) =>
        duration.TotalDays >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalDays}d {duration.Hours}h")
        : duration.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours}h {duration.Minutes}m")
        : duration.TotalMinutes >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes}m {duration.Seconds}s")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.#} s");
}
