using System.Text;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Xmp;
using Rayray.Core.Extraction.Xmp;
using Rayray.Testing;

namespace Rayray.Tests.Extraction;

/// <summary>
/// The streaming XMP reader gives exactly the properties XmpCore gives (paths, values, order), or
/// declines and leaves the packet to XmpCore; it never gives different ones.
/// </summary>
public sealed class XmpStreamReaderTests
{
    private const string Header = """
        <?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
        <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
        """;

    private const string Footer = "</rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>";

    private const string Namespaces = """
        xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:exif="http://ns.adobe.com/exif/1.0/"
        xmlns:tiff="http://ns.adobe.com/tiff/1.0/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
        xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#" xmlns:lr="http://ns.adobe.com/lightroom/1.0/" xmlns:my="http://example.com/my-own/"
        """;

    private static byte[] Packet(string description) => Encoding.UTF8.GetBytes(Header + description + Footer);

    private static IReadOnlyList<KeyValuePair<string, string>> ByXmpCore(byte[] packet) =>
        XmpPackets.PropertiesOf(new XmpReader().Extract(packet))?.All ?? [];

    /// <summary>Streamed, the same as XmpCore; or declined (null).</summary>
    private static bool StreamsLikeXmpCore(byte[] packet)
    {
        var streamed = XmpStreamReader.Read(packet);
        if (streamed is null)
            return false;
        Assert.Equal(ByXmpCore(packet), streamed.All);
        return true;
    }

    [Theory]
    [InlineData("""<rdf:Description rdf:about="" NS xmp:Rating="4" tiff:Make="Canon" xmp:Label="Red" dc:format="image/jpeg"/>""")]
    [InlineData("""<rdf:Description rdf:about="" NS><dc:subject><rdf:Bag><rdf:li>sunset</rdf:li><rdf:li>beach</rdf:li></rdf:Bag></dc:subject><dc:creator><rdf:Seq><rdf:li>Jane Doe</rdf:li></rdf:Seq></dc:creator></rdf:Description>""")]
    [InlineData("""<rdf:Description rdf:about="" NS><dc:title><rdf:Alt><rdf:li xml:lang="x-default">Golden hour</rdf:li><rdf:li xml:lang="fr">Heure dorée</rdf:li></rdf:Alt></dc:title></rdf:Description>""")]
    [InlineData("""<rdf:Description rdf:about="" NS><exif:Flash rdf:parseType="Resource"><exif:Fired>False</exif:Fired><exif:Mode>2</exif:Mode></exif:Flash></rdf:Description>""")]
    [InlineData("""<rdf:Description rdf:about="" NS><exif:Flash exif:Fired="True" exif:Return="0"/></rdf:Description>""")]
    [InlineData("""<rdf:Description rdf:about="" NS><exif:Flash><rdf:Description exif:Fired="False"><exif:Mode>1</exif:Mode></rdf:Description></exif:Flash></rdf:Description>""")]
    [InlineData("""<rdf:Description rdf:about="" NS><xmpMM:History><rdf:Seq><rdf:li rdf:parseType="Resource"><stEvt:action>saved</stEvt:action><stEvt:when>2024-01-15T10:30:00-08:00</stEvt:when></rdf:li></rdf:Seq></xmpMM:History></rdf:Description>""")]
    [InlineData("""<rdf:Description rdf:about="" NS dc:title="A simple title" dc:subject="one"><dc:creator>Jane</dc:creator></rdf:Description>""")]
    [InlineData("""<rdf:Description rdf:about="" NS><lr:hierarchicalSubject><rdf:Bag><rdf:li>Places|France|Marseille</rdf:li></rdf:Bag></lr:hierarchicalSubject><my:Thing>custom namespace</my:Thing><xmp:Empty/><dc:type><rdf:Bag/></dc:type></rdf:Description>""")]
    [InlineData("""<rdf:Description rdf:about="" NS xmp:Rating="3"/><rdf:Description rdf:about="" NS><dc:subject><rdf:Bag><rdf:li>two descriptions</rdf:li></rdf:Bag></dc:subject><xmp:Label>Blue</xmp:Label></rdf:Description>""")]
    [InlineData("""<rdf:Description rdf:about="uuid:faf5bdd5-ba3d-11da-ad31-d33d75182f1b" NS xmp:Rating="1"/>""")]
    [InlineData("""<rdf:Description rdf:about="uuid:faf5bdd5-ba3d-11da-ad31-d33d75182f1b" NS xmpMM:InstanceID="xmp.iid:newer" xmp:Rating="1"/>""")]
    [InlineData("""<rdf:Description about="" NS exif:DateTimeDigitized="2024-01-15T10:30:00" tiff:DateTime="2024-01-16T08:00:00" xmp:ModifyDate="2024-02-01T00:00:00"/>""")]
    [InlineData("""<rdf:Description rdf:about="" NS><tiff:ImageDescription>a simple alias of dc:description</tiff:ImageDescription></rdf:Description>""")]
    [InlineData("""<rdf:Description rdf:about="" NS><xmpMM:History><rdf:Seq><rdf:li stEvt:action="created" stEvt:when="2024-01-15T10:30:00"/><rdf:li stEvt:action="saved"/></rdf:Seq></xmpMM:History></rdf:Description>""")]
    public void Shapes_cameras_and_photo_tools_write_are_streamed_exactly_as_xmpcore_reads_them(string description) =>
        Assert.True(StreamsLikeXmpCore(Packet(description.Replace("NS", Namespaces, StringComparison.Ordinal))));

    [Theory]
    [InlineData("""<rdf:Description rdf:about="" NS><xmp:Author>an alias of an array item, dc:creator[1]</xmp:Author></rdf:Description>""")]
    [InlineData("""<rdf:Description rdf:about="" NS><xmp:Rating my:qualifier="q">5</xmp:Rating></rdf:Description>""")]
    [InlineData("""<rdf:Description rdf:about="" NS><dc:title><rdf:Alt><rdf:li xml:lang="fr">Titre</rdf:li><rdf:li xml:lang="x-default">Title</rdf:li></rdf:Alt></dc:title></rdf:Description>""")]
    [InlineData("""<rdf:Description rdf:about="" NS><dc:description><rdf:Alt><rdf:li>no language</rdf:li></rdf:Alt></dc:description></rdf:Description>""")]
    [InlineData("""<rdf:Description rdf:about="" NS><exif:UserComment>rewritten by XmpCore</exif:UserComment></rdf:Description>""")]
    [InlineData("""<rdf:Description rdf:about="" NS><xmp:Rating>1</xmp:Rating><xmp:Rating>2</xmp:Rating></rdf:Description>""")]
    [InlineData("""<rdf:Description rdf:about="" NS><xmp:Rating>not closed</rdf:Description>""")]
    public void Anything_else_is_left_to_xmpcore(string description) =>
        Assert.Null(XmpStreamReader.Read(Packet(description.Replace("NS", Namespaces, StringComparison.Ordinal))));

    [Fact]
    public void Trailing_padding_and_nul_bytes_after_the_packet_are_ignored()
    {
        var packet = Packet($"""<rdf:Description rdf:about="" {Namespaces} xmp:Rating="2"/>""");

        Assert.True(StreamsLikeXmpCore([.. packet, .. Encoding.ASCII.GetBytes(new string(' ', 2000)), 0, 0, 0]));
    }

    /// <summary>
    /// Every XMP packet of the real-camera and real-tool corpora: streamed as XmpCore reads it, or declined — or
    /// read where XmpCore cannot read it at all (ExifTool's UTF-16 sample: XmpCore finds nothing in it).
    /// </summary>
    [SharedCorpusFact]
    public void Every_packet_of_the_real_corpora_is_streamed_as_xmpcore_reads_it_or_left_to_xmpcore()
    {
        var roots = new[] { RepoPaths.ExifSamples!, Path.Combine(RepoPaths.Shared!, "corpus", "exiftool-samples") }.Where(Directory.Exists);
        var streamed = 0;
        var declined = new List<string>();
        foreach (var file in roots.SelectMany(r => Directory.EnumerateFiles(r, "*", SearchOption.AllDirectories)))
        {
            foreach (var packet in JpegPackets(file).Concat(SidecarPacket(file)))
            {
                if (XmpStreamReader.Read(packet, out var reason) is { } properties)
                {
                    var byXmpCore = new XmpReader().Extract(packet);
                    if (byXmpCore.XmpMeta is not null && XmpPackets.PropertiesOf(byXmpCore)!.Count > 0)
                        Assert.Equal(XmpPackets.PropertiesOf(byXmpCore)!.All, properties.All);
                    streamed++;
                }
                else
                {
                    declined.Add($"{Path.GetFileName(file)}: {reason}");
                }
            }
        }
        Assert.True(streamed > 30, $"only {streamed} packets streamed; left to XmpCore:\n{string.Join('\n', declined)}");
        Assert.True(declined.Count * 5 < streamed, $"{streamed} packets streamed; left to XmpCore:\n{string.Join('\n', declined)}");
    }

    private static List<byte[]> JpegPackets(string file)
    {
        if (!file.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) && !file.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase))
            return [];
        var preamble = Encoding.ASCII.GetBytes("http://ns.adobe.com/xap/1.0/\0");
        try
        {
            return JpegSegmentReader.ReadSegments(file, [JpegSegmentType.App1])
                .Where(s => s.Bytes.AsSpan().StartsWith(preamble))
                .Select(s => s.Bytes[preamble.Length..])
                .ToList();
        }
        catch (Exception e) when (e is JpegProcessingException or IOException)
        {
            return [];
        }
    }

    private static List<byte[]> SidecarPacket(string file) =>
        file.EndsWith(".xmp", StringComparison.OrdinalIgnoreCase) ? [File.ReadAllBytes(file)] : [];
}
