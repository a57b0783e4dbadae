using System.Globalization;
using System.Text.RegularExpressions;
using Rayray.Core.Documents;

namespace Rayray.Core.Normalization;

/// <summary>Parses the date forms cameras and editors write, tolerating the usual deviations, never inventing an offset.</summary>
internal static partial class ExifDateParser
{
    [GeneratedRegex(@"^\s*(\d{4})[:\-/.](\d{1,2})[:\-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"^\s*(\d{1,9})")]
    private static partial Regex LeadingDigits();

    /// <summary>An EXIF date (<c>2024:01:15 10:30:00</c>) combined with its SubSecTime and OffsetTime tags.</summary>
    public static CaptureTime? Parse(string? dateTime, string? subSeconds, string? offset)
    {
        if (Parse(dateTime, requireTime: true) is not { } parsed)
            return null;
        var fraction = parsed.Fraction ?? (subSeconds is not null && LeadingDigits().Match(subSeconds) is { Success: true } m ? m.Groups[1].Value : null);
        var zone = parsed.Offset ?? (CaptureTime.TryParseOffset(offset, out var o) ? o : null);
        return new CaptureTime(parsed.WallClock, fraction, zone);
    }

    /// <summary>An ISO 8601 date as XMP writes it; the time may be left out.</summary>
    public static CaptureTime? ParseIso(string? text) => Parse(text, requireTime: false);

    /// <summary>A date alone, as IPTC writes it (<c>20040226</c>) or in ISO 8601: midnight, no offset.</summary>
    public static CaptureTime? ParseDay(string? date) => date is null ? null : ParseIso(Hyphenated(date.Trim()));

    /// <summary>IPTC's CCYYMMDD as ISO 8601's CCYY-MM-DD; anything else as it is.</summary>
    private static string Hyphenated(string day) =>
        day.Length == 8 && day.All(char.IsAsciiDigit) ? $"{day[..4]}-{day[4..6]}-{day[6..]}" : day;

    /// <summary>An ISO 8601 date and time as XMP writes it; null when it is a date alone.</summary>
    public static CaptureTime? ParseIsoWithTime(string? text) => Parse(text, requireTime: true);

    [GeneratedRegex(@"^\s*(\d{2}):?(\d{2}):?(\d{2})(?:\.(\d{1,9}))?\s*(Z|[+-]\d{2}:?\d{2})?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex TimePattern();

    /// <summary>
    /// A date recorded apart from its time, as IPTC does (DateCreated <c>20061029</c> with TimeCreated
    /// <c>062751-0500</c>) and as Photo Mechanic writes XMP (photoshop:DateCreated with photomechanic:TimeCreated);
    /// null without both, or when the date already holds a time of its own.
    /// </summary>
    public static CaptureTime? ParseDateAndTime(string? date, string? time)
    {
        if (string.IsNullOrWhiteSpace(date) || string.IsNullOrWhiteSpace(time))
            return null;
        var day = Hyphenated(date.Trim());
        if (Parse(day, requireTime: false) is not { } parsed || parsed.WallClock.TimeOfDay != TimeSpan.Zero || day.Length > 10)
            return null;
        var match = TimePattern().Match(time);
        if (!match.Success)
            return null;
        var (hour, minute, second) = (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture));
        if (hour > 23 || minute > 59 || second > 59)
            return null;
        TimeSpan? offset = null;
        if (match.Groups[5].Success)
        {
            if (!CaptureTime.TryParseOffset(match.Groups[5].Value, out var zone))
                return null;
            offset = zone;
        }
        var fraction = match.Groups[4].Success ? match.Groups[4].Value : null;
        return new CaptureTime(parsed.WallClock.Add(new TimeSpan(hour, minute, second)), fraction, offset);
    }

    private static CaptureTime? Parse(string? text, bool requireTime)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var match = DatePattern().Match(text);
        if (!match.Success || (requireTime && !match.Groups[4].Success))
            return null;
        int Part(int group) => match.Groups[group].Success ? int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        var (year, month, day) = (Part(1), Part(2), Part(3));
        var (hour, minute, second) = (Part(4), Part(5), Part(6));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) ||
            hour > 23 || minute > 59 || second > 59)
            return null;
        TimeSpan? offset = null;
        if (match.Groups[8].Success)
        {
            if (!CaptureTime.TryParseOffset(match.Groups[8].Value, out var parsed))
                return null;
            offset = parsed;
        }
        var fraction = match.Groups[7].Success ? match.Groups[7].Value : null;
        return new CaptureTime(new DateTime(year, month, day, hour, minute, second), fraction, offset);
    }
}
