using System.Globalization;
using System.Security;
using System.Text;

namespace Rayray.Testing.Fixtures;

/// <summary>
/// Builds an XMP packet: xpacket wrapper, x:xmpmeta, rdf:RDF and a single rdf:Description whose properties are
/// written as elements in the standard XMP data model forms (lang alternatives, seq, bag, simple values), and the
/// people and keyword hierarchies the way the tools that write them do (face regions as structs in a bag).
/// </summary>
internal static class XmpPacket
{
    /// <summary>Namespaces declared only when a property of theirs is written, so older packets stay as they were.</summary>
    private static readonly (string Prefix, string Uri)[] OptionalNamespaces =
    [
        ("lr", "http://ns.adobe.com/lightroom/1.0/"),
        ("digiKam", "http://www.digikam.org/ns/1.0/"),
        ("mediapro", "http://ns.iview-multimedia.com/mediapro/1.0/"),
        ("Iptc4xmpExt", "http://iptc.org/std/Iptc4xmpExt/2008-02-29/"),
        ("mwg-rs", "http://www.metadataworkinggroup.com/schemas/regions/"),
        ("stArea", "http://ns.adobe.com/xmp/sType/Area#"),
        ("MP", "http://ns.microsoft.com/photo/1.2/"),
        ("MPRI", "http://ns.microsoft.com/photo/1.2/t/RegionInfo#"),
        ("MPReg", "http://ns.microsoft.com/photo/1.2/t/Region#"),
    ];

    public static string Build(string? title, string? description, string? creator, IReadOnlyList<string>? subjects, string? rights, int? rating,
        string? label, string? createDate, string? dateTimeOriginal, string? dateCreated, double? latitude, double? longitude,
        XmpPeopleAndKeywords? extras = null)
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
        if (extras is not null)
            PeopleAndKeywords(body, extras);
        var declared = new StringBuilder();
        var written = body.ToString();
        foreach (var (prefix, uri) in OptionalNamespaces.Where(ns => written.Contains("<" + ns.Prefix + ":", StringComparison.Ordinal) || written.Contains(" " + ns.Prefix + ":", StringComparison.Ordinal)))
            declared.Append(CultureInfo.InvariantCulture, $"\n    xmlns:{prefix}=\"{uri}\"");

        return "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
            + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\" x:xmptk=\"rayray test fixtures\">\n"
            + " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
            + "  <rdf:Description rdf:about=\"\"\n"
            + "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
            + "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
            + "    xmlns:exif=\"http://ns.adobe.com/exif/1.0/\"\n"
            + "    xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\"" + declared + ">\n"
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

    private static void PeopleAndKeywords(StringBuilder body, XmpPeopleAndKeywords extras)
    {
        if (extras.HierarchicalSubjects is { } paths)
            Array(body, "lr:hierarchicalSubject", "rdf:Bag", paths);
        if (extras.DigiKamTags is { } digiKam)
            Array(body, "digiKam:TagsList", "rdf:Seq", digiKam);
        if (extras.CatalogSets is { } sets)
            Array(body, "mediapro:CatalogSets", "rdf:Bag", sets);
        if (extras.PersonInImage is { } persons)
            Array(body, "Iptc4xmpExt:PersonInImage", "rdf:Bag", persons);
        if (extras.FaceRegions is { Count: > 0 } faces)
        {
            // Lightroom's and Picasa's form: each region an rdf:Description with its name and type as attributes.
            body.Append("   <mwg-rs:Regions rdf:parseType=\"Resource\">\n    <mwg-rs:RegionList>\n     <rdf:Bag>\n");
            foreach (var (name, type) in faces)
            {
                var attributes = (name is null ? "" : $" mwg-rs:Name=\"{Escape(name)}\"") + $" mwg-rs:Type=\"{Escape(type)}\"";
                body.Append(CultureInfo.InvariantCulture, $"      <rdf:li>\n       <rdf:Description{attributes}>\n");
                body.Append("        <mwg-rs:Area stArea:x=\"0.5\" stArea:y=\"0.5\" stArea:w=\"0.1\" stArea:h=\"0.1\" stArea:unit=\"normalized\"/>\n");
                body.Append("       </rdf:Description>\n      </rdf:li>\n");
            }
            body.Append("     </rdf:Bag>\n    </mwg-rs:RegionList>\n   </mwg-rs:Regions>\n");
        }
        if (extras.MicrosoftPeople is { Count: > 0 } microsoft)
        {
            // Windows Photo Gallery's form: each region a struct written with rdf:parseType="Resource".
            body.Append("   <MP:RegionInfo rdf:parseType=\"Resource\">\n    <MPRI:Regions>\n     <rdf:Bag>\n");
            foreach (var name in microsoft)
            {
                body.Append("      <rdf:li rdf:parseType=\"Resource\">\n        <MPReg:Rectangle>0.1, 0.2, 0.3, 0.4</MPReg:Rectangle>\n");
                body.Append(CultureInfo.InvariantCulture, $"        <MPReg:PersonDisplayName>{Escape(name)}</MPReg:PersonDisplayName>\n      </rdf:li>\n");
            }
            body.Append("     </rdf:Bag>\n    </MPRI:Regions>\n   </MP:RegionInfo>\n");
        }
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
