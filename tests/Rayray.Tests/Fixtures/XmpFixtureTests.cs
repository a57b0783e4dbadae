using System.Xml.Linq;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Fixtures;

public sealed class XmpFixtureTests
{
    private static readonly XNamespace Rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace XmpNs = "http://ns.adobe.com/xap/1.0/";
    private static readonly XNamespace Exif = "http://ns.adobe.com/exif/1.0/";
    private static readonly XNamespace Photoshop = "http://ns.adobe.com/photoshop/1.0/";

    [Fact]
    public void Xmp_packet_is_well_formed_with_every_property_in_its_xmp_form()
    {
        var packet = TestImages.Xmp("Title & <more>", "Description", "Ada", ["one", "two"], "All rights", 5, "Green",
            "2024-05-17T14:03:27-08:00", "2024-05-17T14:03:27.042-08:00", "2024-05-17", 37.7749, -122.4194);

        var description = XDocument.Parse(packet).Descendants(Rdf + "Description").Single();

        Assert.StartsWith("<?xpacket begin=\"\uFEFF\"", packet, StringComparison.Ordinal);
        Assert.EndsWith("<?xpacket end=\"w\"?>", packet, StringComparison.Ordinal);
        Assert.Equal("Title & <more>", LangDefault(description, Dc + "title"));
        Assert.Equal("Description", LangDefault(description, Dc + "description"));
        Assert.Equal("All rights", LangDefault(description, Dc + "rights"));
        Assert.Equal(["Ada"], description.Element(Dc + "creator")!.Element(Rdf + "Seq")!.Elements(Rdf + "li").Select(e => e.Value));
        Assert.Equal(["one", "two"], description.Element(Dc + "subject")!.Element(Rdf + "Bag")!.Elements(Rdf + "li").Select(e => e.Value));
        Assert.Equal("5", description.Element(XmpNs + "Rating")!.Value);
        Assert.Equal("Green", description.Element(XmpNs + "Label")!.Value);
        Assert.Equal("2024-05-17T14:03:27-08:00", description.Element(XmpNs + "CreateDate")!.Value);
        Assert.Equal("2024-05-17T14:03:27.042-08:00", description.Element(Exif + "DateTimeOriginal")!.Value);
        Assert.Equal("2024-05-17", description.Element(Photoshop + "DateCreated")!.Value);
        Assert.Equal("37,46.49400000N", description.Element(Exif + "GPSLatitude")!.Value);
        Assert.Equal("122,25.16400000W", description.Element(Exif + "GPSLongitude")!.Value);
    }

    [Fact]
    public void Xmp_packet_without_arguments_has_an_empty_description()
    {
        var description = XDocument.Parse(TestImages.Xmp()).Descendants(Rdf + "Description").Single();

        Assert.Empty(description.Elements());
    }

    [Theory]
    [InlineData(0.0, "0,00.00000000N")]
    [InlineData(-0.5, "0,30.00000000S")]
    [InlineData(51.4778001, "51,28.66800600N")]
    [InlineData(-89.9999999, "89,59.99999400S")]
    public void Xmp_latitude_keeps_seven_decimal_places_of_a_degree(double latitude, string expected)
    {
        var description = XDocument.Parse(TestImages.Xmp(latitude: latitude)).Descendants(Rdf + "Description").Single();

        Assert.Equal(expected, description.Element(Exif + "GPSLatitude")!.Value);
    }

    private static string LangDefault(XElement description, XName property)
    {
        var li = description.Element(property)!.Element(Rdf + "Alt")!.Elements(Rdf + "li").Single();
        Assert.Equal("x-default", li.Attribute(XNamespace.Xml + "lang")!.Value);
        return li.Value;
    }
}
