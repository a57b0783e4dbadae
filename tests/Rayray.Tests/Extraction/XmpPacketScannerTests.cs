using System.Text;
using Rayray.Core.Extraction;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Extraction;

public sealed class XmpPacketScannerTests
{
    /// <summary>
    /// The shape of a Lightroom Classic mask (the deepest XMP in common use): a correction holding masks holding
    /// sub-masks holding brush dabs, ten property levels under the description.
    /// </summary>
    private static string LightroomMasks()
    {
        const string Open = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
            + "<rdf:Description rdf:about=\"\" xmlns:crs=\"http://ns.adobe.com/camera-raw-settings/1.0/\" crs:Version=\"15.0\">";
        var xml = new StringBuilder(Open);
        string[] levels = ["crs:MaskGroupBasedCorrections", "crs:CorrectionMasks", "crs:Masks", "crs:Gestures", "crs:Dabs"];
        foreach (var level in levels)
            xml.Append('<').Append(level).Append("><rdf:Seq><rdf:li><rdf:Description crs:What=\"Mask/Image\" crs:MaskValue=\"1\">");
        xml.Append("<crs:Point>d 0.5 0.5</crs:Point>");
        foreach (var level in levels.Reverse())
            xml.Append("</rdf:Description></rdf:li></rdf:Seq></").Append(level).Append('>');
        return xml.Append("</rdf:Description></rdf:RDF></x:xmpmeta>").ToString();
    }

    [Fact]
    public void Real_xmp_as_deep_as_lightrooms_masks_is_left_to_the_parser()
    {
        Assert.Null(XmpPacketScanner.Problem(Encoding.UTF8.GetBytes(LightroomMasks())));
        Assert.Null(XmpPacketScanner.Problem(Encoding.UTF8.GetBytes(TestImages.Xmp(title: "t", subjects: ["a", "b"]))));
        Assert.Null(XmpPacketScanner.Problem(Encoding.UTF8.GetBytes(HostileXmp.NestedStructs(XmpPacketScanner.MaxPropertyDepth - 1))));
    }

    [Theory]
    [InlineData(21)]
    [InlineData(40)]
    [InlineData(200_000)]
    public void Properties_nested_past_the_limit_make_a_packet_hostile(int depth)
    {
        Assert.Contains("nests properties more than 20 levels deep", XmpPacketScanner.Problem(Encoding.UTF8.GetBytes(HostileXmp.NestedStructs(depth))));
        Assert.Contains("nests properties more than 20 levels deep", XmpPacketScanner.Problem(Encoding.UTF8.GetBytes(HostileXmp.DeeplyNested(depth))));
    }

    [Fact]
    public void An_element_with_too_many_attributes_makes_a_packet_hostile()
    {
        Assert.Null(XmpPacketScanner.Problem(Encoding.UTF8.GetBytes(HostileXmp.ManyAttributes(1000))));
        Assert.Contains("more than 4,096 attributes", XmpPacketScanner.Problem(Encoding.UTF8.GetBytes(HostileXmp.ManyAttributes(5000))));
    }

    [Fact]
    public void Tags_inside_comments_cdata_and_attribute_values_are_not_elements()
    {
        var deep = string.Concat(Enumerable.Repeat("<a:b>", 50));
        var xml = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><!-- " + deep + " -->"
            + "<rdf:Description a:x=\"" + deep.Replace("<", "&lt;", StringComparison.Ordinal) + "\" a:y='>/>'><a:c><![CDATA[" + deep + "]]></a:c>"
            + "<?pi " + deep + "?></rdf:Description></rdf:RDF>";
        Assert.Null(XmpPacketScanner.Problem(Encoding.UTF8.GetBytes(xml)));
    }

    [Fact]
    public void A_hostile_packet_is_found_at_its_exact_place_among_binary_bytes_whatever_the_chunking()
    {
        var random = new Random(7);
        var before = new byte[5000];
        var after = new byte[3000];
        random.NextBytes(before);
        random.NextBytes(after);
        var packet = Encoding.UTF8.GetBytes(HostileXmp.NestedStructs(25));
        var packetStart = Encoding.UTF8.GetBytes(HostileXmp.NestedStructs(25)).AsSpan().IndexOf("<rdf:RDF"u8);
        byte[] file = [.. before, .. packet, .. after, .. Encoding.UTF8.GetBytes(LightroomMasks())];

        foreach (var chunk in new[] { 1, 7, 64, 4096, file.Length })
        {
            var scanner = new XmpPacketScanner();
            for (var at = 0; at < file.Length; at += chunk)
                scanner.Append(file.AsSpan(at, Math.Min(chunk, file.Length - at)));
            scanner.Finish();

            var hostile = Assert.Single(scanner.Hostile);
            Assert.Equal(before.Length + packetStart, hostile.Start);
            Assert.Equal(before.Length + packet.Length - "</x:xmpmeta>".Length, hostile.End);
            Assert.Equal(hostile.Start + "<rdf:RDF".Length, hostile.NameEnd);
        }
    }

    [SharedCorpusFact]
    public void No_file_of_the_real_camera_corpus_holds_xmp_the_scanner_calls_hostile()
    {
        var samples = RepoPaths.ExifSamples!;
        var files = Directory.EnumerateFiles(samples, "*", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var scanner = new XmpPacketScanner();
            scanner.Append(File.ReadAllBytes(file));
            scanner.Finish();
            Assert.True(scanner.Hostile.Count == 0, $"{Path.GetRelativePath(samples, file)}: {string.Join("; ", scanner.Hostile)}");
        }
    }
}
