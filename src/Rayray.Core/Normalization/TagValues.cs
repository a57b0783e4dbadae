using System.Globalization;
using System.Text;
using MetadataExtractor;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Normalization;

/// <summary>Typed, forgiving reads of tag values: whatever type the file stored, the caller gets a clean value or null.</summary>
internal static class TagValues
{
    public static string? Text(Directory? directory, int tag)
    {
        if (directory is null || !directory.ContainsTag(tag))
            return null;
        var value = directory.GetObject(tag);
        var text = value switch
        {
            string s => s,
            StringValue sv => sv.ToString(Encoding.UTF8),
            StringValue[] svs => string.Join("; ", svs.Select(v => v.ToString(Encoding.UTF8))),
            string[] ss => string.Join("; ", ss),
            byte[] bytes => DecodeBytes(bytes),
            _ => directory.GetString(tag),
        };
        return Clean(text);
    }

    /// <summary>Trims whitespace and NULs; empty and placeholder-only strings become null.</summary>
    public static string? Clean(string? text)
    {
        if (text is null)
            return null;
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            // Some writers put two strings separated by NUL (EXIF Copyright: photographer, editor).
            var parts = text.Split('\0', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            text = parts.Length > 0 ? parts[0] : "";
        }
        text = text.Trim();
        return text.Length == 0 ? null : text;
    }

    private static string DecodeBytes(byte[] bytes)
    {
        // Windows XP* tags are UCS-2 little endian; anything else is taken as UTF-8.
        if (bytes.Length >= 2 && bytes.Length % 2 == 0 && bytes[1] == 0)
            return Encoding.Unicode.GetString(bytes);
        return Encoding.UTF8.GetString(bytes);
    }

    public static double? Number(Directory? directory, int tag)
    {
        if (directory is null || !directory.ContainsTag(tag))
            return null;
        return ToDouble(directory.GetObject(tag));
    }

    public static double? ToDouble(object? value)
    {
        double? result = value switch
        {
            Rational r => r.Denominator == 0 ? null : r.ToDouble(),
            Rational[] { Length: > 0 } rs => rs[0].Denominator == 0 ? null : rs[0].ToDouble(),
            byte b => b,
            sbyte sb => sb,
            short s => s,
            ushort us => us,
            int i => i,
            uint ui => ui,
            long l => l,
            ulong ul => ul,
            float f => f,
            double d => d,
            decimal m => (double)m,
            ushort[] { Length: > 0 } a => a[0],
            short[] { Length: > 0 } a => a[0],
            int[] { Length: > 0 } a => a[0],
            uint[] { Length: > 0 } a => a[0],
            byte[] { Length: > 0 } a => a[0],
            string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            StringValue sv when double.TryParse(sv.ToString().Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
        return result is { } v && double.IsFinite(v) ? v : null;
    }

    public static int? Integer(Directory? directory, int tag) =>
        Number(directory, tag) is { } value && value >= int.MinValue && value <= int.MaxValue ? (int)value : null;

    public static Rational[]? Rationals(Directory? directory, int tag) =>
        directory?.GetObject(tag) switch
        {
            Rational[] rs => rs,
            Rational r => [r],
            _ => null,
        };

    /// <summary>Rounds to a sensible number of significant digits so 1/3 s is 0.3333333333, not a float artefact.</summary>
    public static double Round(double value, int digits = 10) =>
        value == 0 ? 0 : Math.Round(value, Math.Clamp(digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(value))), 0, 15));
}
