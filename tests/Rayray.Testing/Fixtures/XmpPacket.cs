using System.Globalization;
using System.Security;
using System.Text;

namespace Rayray.Testing.Fixtures;

/// <summary>
/// Builds an XMP packet: xpacket wrapper, x:xmpmeta, rdf:RDF and a single rdf:Description whose properties are
/// written as elements in the standard XMP data model forms (lang alternatives, seq, bag, simple values).
/// </summary>
internal static class XmpPacket
{
    public static string Build(string? title, string? description, string? creator, IReadOnlyList<string>? subjects, string? rights, int? rating,
        string? label, string? createDate, string? dateTimeOriginal, string? dateCreated, double? latitude, double? longitude)
    {
        var body = new StringBuilder();
        LangAlternative(body, "dc:title", title);
        LangAlternative(body, "dc:description", description);
        if (creator is not null)
            Array(body, "dc:creator", "rdf:Seq", [creator]);
        if (subjects is not null)
            Array(body, "dc:subject", "rdf:Bag", subjects);
        LangAlternative(body, "dc:rights", rights);
        Simple(body, "xmp:Rating", rating?.ToString(CultureInfo.InvariantCulture));
        Simple(body, "xmp:Label", label);
        Simple(body, "xmp:CreateDate", createDate);
        Simple(body, "exif:DateTimeOriginal", dateTimeOriginal);
        Simple(body, "photoshop:DateCreated", dateCreated);
        Simple(body, "exif:GPSLatitude", latitude is { } lat ? Coordinate(lat, 'N', 'S') : null);
        Simple(body, "exif:GPSLongitude", longitude is { } lon ? Coordinate(lon, 'E', 'W') : null);

        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
            + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\" x:xmptk=\"rayray test fixtures\">\n"
            + " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
            + "  <rdf:Description rdf:about=\"\"\n"
            + "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
            + "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
            + "    xmlns:exif=\"http://ns.adobe.com/exif/1.0/\"\n"
            + "    xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\">\n"
            + body
            + "  </rdf:Description>\n"
            + " </rdf:RDF>\n"
            + "</x:xmpmeta>\n"
            + "<?xpacket end=\"w\"?>";
    }

    /// <summary>XMP GPSCoordinate "DDD,MM.mmmmmmmmk": whole degrees, decimal minutes (8 places, about 2e-10 degree), N/S or E/W.</summary>
    public static string Coordinate(double degrees, char positive, char negative)
    {
        if (!double.IsFinite(degrees))
            throw new ArgumentException($"coordinate {degrees} is not a number", nameof(degrees));
        const long Scale = 100_000_000; // minutes to 8 decimal places
        var total = (long)Math.Round(Math.Abs(degrees) * 60 * Scale);
        var whole = total / (60 * Scale);
        var minutes = total % (60 * Scale);
        return string.Create(CultureInfo.InvariantCulture, $"{whole},{minutes / Scale:D2}.{minutes % Scale:D8}{(degrees < 0 ? negative : positive)}");
    }

    private static void Simple(StringBuilder body, string name, string? value)
    {
        if (value is not null)
            body.Append(CultureInfo.InvariantCulture, $"   <{name}>{Escape(value)}</{name}>\n");
    }

    private static void LangAlternative(StringBuilder body, string name, string? value)
    {
        if (value is null)
            return;
        body.Append(CultureInfo.InvariantCulture, $"   <{name}>\n    <rdf:Alt>\n     <rdf:li xml:lang=\"x-default\">{Escape(value)}</rdf:li>\n    </rdf:Alt>\n   </{name}>\n");
    }

    private static void Array(StringBuilder body, string name, string container, IEnumerable<string> values)
    {
        body.Append(CultureInfo.InvariantCulture, $"   <{name}>\n    <{container}>\n");
        foreach (var value in values)
            body.Append(CultureInfo.InvariantCulture, $"     <rdf:li>{Escape(value)}</rdf:li>\n");
        body.Append(CultureInfo.InvariantCulture, $"    </{container}>\n   </{name}>\n");
    }

    private static string Escape(string value) => SecurityElement.Escape(value);
}
