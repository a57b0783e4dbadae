using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace Rayray.Core.Geotagging;

/// <summary>
/// Which reader a file needs, by its content: the XML root element (<c>gpx</c>, <c>kml</c>) or NMEA
/// sentences. The extension only decides when the content does not, so that the reader's own error
/// (with its line) reaches the user instead of "not a track log".
/// </summary>
internal static partial class TrackFormatSniffer
{
    private const int HeadLength = 16 * 1024;

    /// <summary>The extensions a folder given to <c>--geotag</c> is searched for.</summary>
    public static readonly IReadOnlyList<string> FolderExtensions = [".gpx", ".kml", ".nmea", ".log", ".txt"];

    [GeneratedRegex(@"(?m)^[^$\r\n]{0,64}\$[A-Z]{2}[A-Z]{3},", RegexOptions.CultureInvariant)]
    private static partial Regex NmeaSentence();

    public static TrackFormat? Detect(string path)
    {
        var head = ReadHead(path);
        var text = head.AsSpan().TrimStart();
        if (text.StartsWith("<"))
            return DetectXml(path);
        if (NmeaSentence().IsMatch(head))
            return TrackFormat.Nmea;
        return ByExtension(path);
    }

    /// <summary>Whether a .log or .txt file holds NMEA sentences (near its start).</summary>
    public static bool LooksLikeNmea(string path) => NmeaSentence().IsMatch(ReadHead(path));

    public static TrackFormat? ByExtension(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".gpx" => TrackFormat.Gpx,
        ".kml" => TrackFormat.Kml,
        ".nmea" => TrackFormat.Nmea,
        _ => null,
    };

    private static string ReadHead(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[HeadLength];
        var length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var bytes = buffer.AsSpan(0, length);
        ReadOnlySpan<byte> utf8 = [0xEF, 0xBB, 0xBF], utf16LittleEndian = [0xFF, 0xFE], utf16BigEndian = [0xFE, 0xFF];
        if (bytes.StartsWith(utf8))
            bytes = bytes[3..];
        else if (bytes.StartsWith(utf16LittleEndian) || bytes.StartsWith(utf16BigEndian))
            return "<"; // UTF-16 text with a byte-order mark: only XML is written so
        return Encoding.Latin1.GetString(bytes);
    }

    private static TrackFormat? DetectXml(string path)
    {
        try
        {
            using var reader = TrackXml.Open(path);
            reader.MoveToContent();
            return reader.LocalName switch
            {
                "gpx" => TrackFormat.Gpx,
                "kml" => TrackFormat.Kml,
                _ => null,
            };
        }
        catch (XmlException e)
        {
            return ByExtension(path) ?? throw new TrackLogException(path, $"not well-formed XML: {TrackXml.Describe(e)}", TrackXml.Line(e), e);
        }
    }
}
