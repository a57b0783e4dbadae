using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rayray.Core.Documents;

/// <summary>
/// A capture time as the camera recorded it: a wall-clock time, the sub-second digits as written,
/// and a UTC offset only when the file records one. Never shifted, never given an invented offset.
/// Serialized as ISO 8601: <c>2024-01-15T10:30:00.123-08:00</c>, or <c>2024-01-15T10:30:00</c> without an offset.
/// </summary>
[JsonConverter(typeof(CaptureTimeJsonConverter))]
public readonly record struct CaptureTime
{
    public CaptureTime(DateTime wallClock, string? fraction = null, TimeSpan? offset = null)
    {
        if (fraction is not null && (fraction.Length is 0 or > 9 || !fraction.All(char.IsAsciiDigit)))
            throw new ArgumentException("The fraction is 1 to 9 decimal digits.", nameof(fraction));
        if (offset is { } o && (o.Ticks % TimeSpan.TicksPerMinute != 0 || o.Duration() > TimeSpan.FromHours(14)))
            throw new ArgumentOutOfRangeException(nameof(offset), "A UTC offset is whole minutes within ±14:00.");
        WallClock = DateTime.SpecifyKind(wallClock.AddTicks(-(wallClock.Ticks % TimeSpan.TicksPerSecond)), DateTimeKind.Unspecified);
        Fraction = fraction;
        Offset = offset;
    }

    /// <summary>The local date and time to the second, as shown on the camera.</summary>
    public DateTime WallClock { get; }

    /// <summary>Sub-second digits as recorded (<c>"054"</c> means 54 ms), or null.</summary>
    public string? Fraction { get; }

    /// <summary>The UTC offset the file records, or null when it records none.</summary>
    public TimeSpan? Offset { get; }

    /// <summary>The wall-clock time with its sub-seconds.</summary>
    public DateTime Local => WallClock.AddTicks(FractionTicks);

    /// <summary>The instant in UTC, when the offset is known.</summary>
    public DateTime? Utc => Offset is { } offset ? DateTime.SpecifyKind(Local - offset, DateTimeKind.Utc) : null;

    /// <summary>A string that sorts in wall-clock order: <c>yyyy-MM-ddTHH:mm:ss.fffffff</c>.</summary>
    public string SortKey => Local.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture);

    private long FractionTicks =>
        Fraction is null ? 0 : long.Parse(Fraction.PadRight(7, '0')[..7], CultureInfo.InvariantCulture);

    public override string ToString()
    {
        var text = new StringBuilder(WallClock.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), 35);
        if (Fraction is not null)
            text.Append('.').Append(Fraction);
        if (Offset is { } offset)
        {
            if (offset == TimeSpan.Zero)
                text.Append('Z');
            else
                text.Append(FormatOffset(offset));
        }
        return text.ToString();
    }

    /// <summary>Parses the ISO 8601 form this type writes (date-only and minute-precision forms are accepted too).</summary>
    public static bool TryParse(string? text, out CaptureTime value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var s = text.Trim();
        TimeSpan? offset = null;
        if (s.EndsWith('Z') || s.EndsWith('z'))
        {
            offset = TimeSpan.Zero;
            s = s[..^1];
        }
        else if (s.Length > 10)
        {
            var sign = Math.Max(s.LastIndexOf('+'), s.LastIndexOf('-'));
            if (sign > 10)
            {
                if (!TryParseOffset(s[sign..], out var parsed))
                    return false;
                offset = parsed;
                s = s[..sign];
            }
        }

        string? fraction = null;
        var dot = s.IndexOf('.', StringComparison.Ordinal);
        if (dot > 0)
        {
            fraction = s[(dot + 1)..];
            s = s[..dot];
            if (fraction.Length is 0 or > 9 || !fraction.All(char.IsAsciiDigit))
                return false;
        }

        string[] formats = ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd"];
        if (!DateTime.TryParseExact(s, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wallClock))
            return false;
        if (offset is { } o && (o.Ticks % TimeSpan.TicksPerMinute != 0 || o.Duration() > TimeSpan.FromHours(14)))
            return false;
        value = new CaptureTime(wallClock, fraction, offset);
        return true;
    }

    /// <summary>A UTC offset as ISO 8601 and EXIF's OffsetTime write it: <c>+09:00</c>, <c>-05:30</c>, <c>+00:00</c>.</summary>
    public static string FormatOffset(TimeSpan offset) =>
        (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString(@"hh\:mm", CultureInfo.InvariantCulture);

    /// <summary>Parses <c>+hh:mm</c>, <c>-hh:mm</c>, <c>+hhmm</c> or <c>+hh</c>.</summary>
    public static bool TryParseOffset(string? text, out TimeSpan offset)
    {
        offset = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var s = text.Trim();
        if (s is "Z" or "z")
            return true;
        if (s.Length < 3 || (s[0] != '+' && s[0] != '-'))
            return false;
        var digits = s[1..].Replace(":", "", StringComparison.Ordinal);
        if (digits.Length is not (2 or 4) || !digits.All(char.IsAsciiDigit))
            return false;
        var hours = int.Parse(digits[..2], CultureInfo.InvariantCulture);
        var minutes = digits.Length == 4 ? int.Parse(digits[2..], CultureInfo.InvariantCulture) : 0;
        if (hours > 14 || minutes > 59)
            return false;
        offset = new TimeSpan(hours, minutes, 0);
        if (s[0] == '-')
            offset = -offset;
        return true;
    }
}

internal sealed class CaptureTimeJsonConverter : JsonConverter<CaptureTime>
{
    public override CaptureTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        CaptureTime.TryParse(reader.GetString(), out var value)
            ? value
            : throw new JsonException($"'{reader.GetString()}' is not an ISO 8601 capture time.");

    public override void Write(Utf8JsonWriter writer, CaptureTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
