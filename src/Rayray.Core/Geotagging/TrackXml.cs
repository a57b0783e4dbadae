using System.Globalization;
using System.Xml;

namespace Rayray.Core.Geotagging;

/// <summary>How GPX and KML files are opened: no DTD processing and no external resolution.</summary>
internal static class TrackXml
{
    public static XmlReaderSettings Settings { get; } = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = true,
    };

    /// <summary>A reader over the file (opened here: a reader given a path would resolve it as a URI).</summary>
    public static XmlReader Open(string path) => XmlReader.Create(File.OpenRead(path), Settings);

    public static int? Line(XmlException e) => e.LineNumber > 0 ? e.LineNumber : null;

    public static int? Line(XmlReader reader) => reader is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;

    /// <summary>The exception's message without the " Line 3, position 7." .NET appends (the line is reported separately).</summary>
    public static string Describe(XmlException e)
    {
        var message = e.Message;
        if (e.LineNumber > 0)
        {
            var suffix = string.Create(CultureInfo.InvariantCulture, $" Line {e.LineNumber}, position {e.LinePosition}.");
            if (message.EndsWith(suffix, StringComparison.Ordinal))
                message = message[..^suffix.Length];
        }
        return message.TrimEnd('.');
    }

    /// <summary>
    /// An xsd:dateTime with a zone (Z or ±hh:mm), or a zone-less one taken as UTC (what GPX requires and loggers
    /// write); null for a date or month alone, which places nothing precisely enough. Throws <see cref="FormatException"/> for anything else.
    /// </summary>
    public static DateTime? ParseUtc(string text)
    {
        var s = text.Trim();
        if (s.Length is 4 or 7 or 10 && s.All(c => char.IsAsciiDigit(c) || c == '-'))
            return null;
        if (s.Length < 19 || s[10] != 'T' || !DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            throw new FormatException($"'{s}' is not a date and time");
        return parsed.UtcDateTime;
    }
}
