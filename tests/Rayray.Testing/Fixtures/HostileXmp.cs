using System.Text;

namespace Rayray.Testing.Fixtures;

/// <summary>XMP packets built to hurt an XML/RDF parser: entity expansion, deep nesting, broken XML.</summary>
public static class HostileXmp
{
    private const string RdfOpen = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
        + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">";

    private const string RdfClose = "</rdf:Description></rdf:RDF></x:xmpmeta>";

    /// <summary>A DTD whose entities expand each other ten times over, ten levels deep ("billion laughs"), used in dc:description.</summary>
    public static string EntityExpansion()
    {
        var dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE x:xmpmeta [<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 10; i++)
            dtd.Append("<!ENTITY lol").Append(i).Append(" \"").Append(string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))).Append("\">");
        dtd.Append("]>");
        return dtd + RdfOpen + "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">&lol10;</rdf:li></rdf:Alt></dc:description>" + RdfClose;
    }

    /// <summary>A dc:subject whose bag holds a bag holding a bag … <paramref name="depth"/> levels deep.</summary>
    public static string DeeplyNested(int depth)
    {
        var xml = new StringBuilder(RdfOpen).Append("<dc:subject>");
        for (var i = 0; i < depth; i++)
            xml.Append("<rdf:Bag><rdf:li>");
        xml.Append("deep");
        for (var i = 0; i < depth; i++)
            xml.Append("</rdf:li></rdf:Bag>");
        return xml.Append("</dc:subject>").Append(RdfClose).ToString();
    }

    /// <summary>
    /// A struct whose field is a struct … <paramref name="depth"/> levels deep, written with rdf:parseType="Resource":
    /// under a kilobyte at 30 levels, and XmpCore's parse time doubles with each level.
    /// </summary>
    public static string NestedStructs(int depth)
    {
        var xml = new StringBuilder(RdfOpen.Replace("xmlns:dc=", "xmlns:h=\"http://example.com/hostile/\" xmlns:dc=", StringComparison.Ordinal));
        for (var i = 0; i < depth; i++)
            xml.Append("<h:s rdf:parseType=\"Resource\">");
        xml.Append("<h:v>deep</h:v>");
        for (var i = 0; i < depth; i++)
            xml.Append("</h:s>");
        return xml.Append(RdfClose).ToString();
    }

    /// <summary>One rdf:Description with <paramref name="count"/> attributes: XmpCore's time grows with their square.</summary>
    public static string ManyAttributes(int count)
    {
        var attributes = new StringBuilder();
        for (var i = 0; i < count; i++)
            attributes.Append(" h:a").Append(i).Append("=\"v\"");
        return RdfOpen.Replace("rdf:about=\"\"", "rdf:about=\"\" xmlns:h=\"http://example.com/hostile/\"" + attributes, StringComparison.Ordinal) + RdfClose;
    }

    /// <summary>A packet cut off in the middle of an element.</summary>
    public static string Broken() => RdfOpen + "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">cut her";
}
