using System.Text;
using Rayray.Core.Formats;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Extraction;

public sealed class FormatSnifferTests
{
    private static MediaFormat? Sniff(byte[] head, string? extension = null) =>
        FormatSniffer.Sniff(head, extension is null ? null : MediaFormats.ByExtension(extension));

    [Fact]
    public void Generated_images_are_recognized_by_their_content()
    {
        Assert.Equal(MediaFormats.Jpeg, Sniff(TestImages.Jpeg(8, 8)));
        Assert.Equal(MediaFormats.Png, Sniff(TestImages.Png(8, 8)));
        Assert.Equal(MediaFormats.Tiff, Sniff(TestImages.Tiff(8, 8)));
        Assert.Equal(MediaFormats.Tiff, Sniff(TestImages.Tiff(8, 8, bigEndian: true)));
        Assert.Equal(MediaFormats.Heic, Sniff(TestImages.Heic(8, 8)));
    }

    [Fact]
    public void The_extension_picks_between_formats_of_one_container()
    {
        var tiff = TestImages.Tiff(8, 8);
        Assert.Equal(MediaFormats.Dng, Sniff(tiff, "dng"));
        Assert.Equal(MediaFormats.Nef, Sniff(tiff, "NEF"));
        Assert.Equal(MediaFormats.Tiff, Sniff(tiff, "jpg"));
        Assert.Equal(MediaFormats.Heif, Sniff(TestImages.Heic(8, 8), "heif"));
    }

    [Theory]
    [InlineData("GIF89a", "GIF")]
    [InlineData("RIFF\u0010\0\0\0WEBPVP8 ", "WebP")]
    [InlineData("RIFF\u0010\0\0\0AVI LIST", "AVI")]
    [InlineData("RIFF\u0010\0\0\0WAVEfmt ", "WAV")]
    [InlineData("fLaC\0\0\0\u0022", "FLAC")]
    [InlineData("OggS\0\u0002\0\0\0\0\0\0\0\0OpusHead", "Opus")]
    [InlineData("ID3\u0004\0\0\0\0\0\0", "MP3")]
    [InlineData("FORM\0\0\0\u0010AIFFCOMM", "AIFF")]
    [InlineData("\0\0\0\u0018ftypqt  \0\0\0\0qt  ", "QuickTime")]
    [InlineData("\0\0\0\u0018ftypmp42\0\0\0\0isom", "MP4")]
    [InlineData("\0\0\0\u0018ftypM4A \0\0\0\0M4A ", "M4A")]
    [InlineData("\0\0\0\u0018ftypcrx \0\0\0\0crx ", "CR3")]
    [InlineData("\0\0\0\u0018ftypavif\0\0\0\0mif1", "AVIF")]
    [InlineData("FUJIFILMCCD-RAW 0201", "RAF")]
    public void Other_media_is_recognized_by_its_magic(string head, string format)
    {
        Assert.Equal(format, Sniff(Encoding.Latin1.GetBytes(head))?.Name);
    }

    [Theory]
    [InlineData("hello, world")]
    [InlineData("")]
    [InlineData("BM")]
    [InlineData("{\"json\": true}")]
    public void Text_and_short_files_are_not_media(string head)
    {
        Assert.Null(Sniff(Encoding.Latin1.GetBytes(head)));
    }

    [Fact]
    public void Matroska_and_webm_are_told_apart_by_doc_type()
    {
        byte[] ebml = [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0x84, .. "webm"u8.ToArray()];
        Assert.Equal(MediaFormats.WebM, Sniff(ebml));
        byte[] mkv = [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0x88, .. "matroska"u8.ToArray()];
        Assert.Equal(MediaFormats.Matroska, Sniff(mkv));
    }

    [Fact]
    public void Header_images_are_recognized_by_their_signature()
    {
        Assert.Equal(MediaFormats.Pcx, Sniff(HeaderImages.Pcx(8, 8)));
        Assert.Equal(MediaFormats.Pbm, Sniff(HeaderImages.Netpbm('1', 8, 8)));
        Assert.Equal(MediaFormats.Pbm, Sniff(HeaderImages.Netpbm('4', 8, 8)));
        Assert.Equal(MediaFormats.Pgm, Sniff(HeaderImages.Netpbm('5', 8, 8)));
        Assert.Equal(MediaFormats.Ppm, Sniff(HeaderImages.Netpbm('3', 8, 8)));
        Assert.Equal(MediaFormats.Ppm, Sniff(HeaderImages.Netpbm('6', 8, 8)));
        Assert.Equal(MediaFormats.Pam, Sniff(HeaderImages.Netpbm('7', 8, 8)));
        Assert.Equal(MediaFormats.Pfm, Sniff(HeaderImages.Netpbm('F', 8, 8)));
        Assert.Equal(MediaFormats.Jp2, Sniff(HeaderImages.Jp2(8, 8)));
        Assert.Equal(MediaFormats.Jpx, Sniff(HeaderImages.Jp2(8, 8, brand: "jpx ")));
        Assert.Equal(MediaFormats.J2c, Sniff(HeaderImages.J2c(8, 8)));
        Assert.Equal(MediaFormats.Jxl, Sniff(HeaderImages.JxlCodestream(8, 8)));
        Assert.Equal(MediaFormats.Jxl, Sniff(HeaderImages.JxlContainer(8, 8)));
        Assert.Equal(MediaFormats.Ico, Sniff(HeaderImages.Ico([(16, 16)])));
        Assert.Equal(MediaFormats.Cur, Sniff(HeaderImages.Ico([(16, 16)], cursor: true)));
        Assert.Equal(MediaFormats.Exr, Sniff(HeaderImages.Exr(8, 8)));
        Assert.Equal(MediaFormats.Dpx, Sniff(HeaderImages.Dpx(8, 8)));
        Assert.Equal(MediaFormats.RadianceHdr, Sniff(HeaderImages.Radiance(8, 8)));
        Assert.Equal(MediaFormats.Psp, Sniff(HeaderImages.Psp(8, 8)));
        Assert.Equal(MediaFormats.Xcf, Sniff(HeaderImages.Xcf(8, 8)));
        Assert.Equal(MediaFormats.Flif, Sniff(HeaderImages.Flif(8, 8)));
        Assert.Equal(MediaFormats.Bpg, Sniff(HeaderImages.Bpg(8, 8)));
        Assert.Equal(MediaFormats.Ape, Sniff(HeaderAudio.Ape()));
        Assert.Equal(MediaFormats.Dsf, Sniff(HeaderAudio.Dsf()[..4096]));
        Assert.Equal(MediaFormats.Musepack, Sniff(HeaderAudio.Musepack()));
    }

    [Theory]
    [InlineData("wvpk\u0010\0\0\0\u0010\u0004\0\0\0\0\0\0", "WavPack")]
    [InlineData("MPCKSH\u0010\0\0\0\0\0\0\0\0\0", "Musepack")]
    [InlineData("FRM8\0\0\0\0\0\0\u0010\0DSD FVER", "DFF")]
    [InlineData("FLV\u0001\u0005\0\0\0\u0009\0\0\0\0\u0012\0\0", "FLV")]
    [InlineData("\u00B7\u00D8\0\u0020\u0037\u0049\u00DA\u0011\u00A6\u004E\0\u0007\u00E9\u005E\u00AD\u008D", "WTV")]
    [InlineData("\u0006\u000E\u002B\u0034\u0002\u0005\u0001\u0001\u000D\u0001\u0002\u0001\u0001\u0002\u0004\0", "MXF")]
    [InlineData("\u001F\u0007\0\u00BF\u00F8\u0078\u0078\u0078\u00FF\u00FF\u00FF\u00FF\u00FF\u00FF\u00FF\u00FF", "DV")]
    [InlineData(".RMF\0\0\0\u0012\0\0\0\0\0\0\0\u0006PROP", "RealMedia")]
    [InlineData(".ra\u00FD\0\u0004\0\0.ra4\0\0\0\0\0\0", "RealAudio")]
    [InlineData("\0\0\0\u000CjP  \r\n\u0087\n\0\0\0\u0014ftypmjp2\0\0\0\0mjp2", "MJ2")]
    public void Audio_and_video_are_recognized_by_their_signature(string head, string format)
    {
        Assert.Equal(format, Sniff(Encoding.Latin1.GetBytes(head))?.Name);
    }

    [Fact]
    public void Ogg_streams_are_told_apart_by_their_first_packets()
    {
        static byte[] Page(params string[] packets)
        {
            var bytes = new List<byte>();
            foreach (var packet in packets)
            {
                var payload = Encoding.Latin1.GetBytes(packet);
                bytes.AddRange([.. "OggS"u8, 0, 0x02, .. new byte[20], 1, (byte)payload.Length, .. payload]);
            }
            return [.. bytes];
        }
        Assert.Equal(MediaFormats.OggVideo, Sniff(Page("\u0080theora\u0003\u0002")));
        Assert.Equal(MediaFormats.OggVideo, Sniff(Page("\u0001vorbis\0\0", "\u0080theora\u0003\u0002")));
        Assert.Equal(MediaFormats.Ogg, Sniff(Page("\u0001vorbis\0\0")));
        Assert.Equal(MediaFormats.Ogg, Sniff(Page("Speex   1.2")));
        Assert.Equal(MediaFormats.Ogg, Sniff(Page("\u007FFLAC\u0001\0")));
        Assert.Equal(MediaFormats.Opus, Sniff(Page("OpusHead\u0001\u0002")));
    }

    [Fact]
    public void A_tga_is_recognized_by_its_name_and_header_or_by_its_footer_alone()
    {
        var withFooter = HeaderImages.Tga(8, 8);
        var withoutFooter = HeaderImages.Tga(8, 8, footer: false);

        Assert.Equal(MediaFormats.Tga, Sniff(withoutFooter, "tga"));
        Assert.Null(Sniff(withoutFooter));
        Assert.Null(Sniff(withFooter));
        Assert.Equal(MediaFormats.Tga, FormatSniffer.SniffTail(withFooter, withFooter.AsSpan(withFooter.Length - FormatSniffer.TailLength)));
        Assert.Null(FormatSniffer.SniffTail(withoutFooter, withoutFooter.AsSpan(withoutFooter.Length - FormatSniffer.TailLength)));
        // A footer after bytes that are no TGA header is not enough.
        byte[] text = [.. "just some text that happens to end like a targa"u8, .. withFooter.AsSpan(withFooter.Length - FormatSniffer.TailLength)];
        Assert.Null(FormatSniffer.SniffTail(text, text.AsSpan(text.Length - FormatSniffer.TailLength)));
        Assert.Null(Sniff("hello, world, this is not a targa at all"u8.ToArray(), "tga"));
    }

    [Theory]
    [InlineData("P6 is the answer to question 4\n")]
    [InlineData("P1 2 3\nthe rest is prose\n")]
    [InlineData("P3\n2 2\n255\n1 2 3 red green\n")]
    [InlineData("P5\n12345678901 2\n255\n\0")]
    [InlineData("P6\n0 2\n255\n\0")]
    [InlineData("P7\nWIDTH 2\nHEIGHT 2\nCOLOUR blue\nENDHDR\n")]
    [InlineData("PF\nnot a number\n")]
    [InlineData("\n\n\nhello, a text file that starts with blank lines")]
    [InlineData("\0\0\u0001\0\u0001\0this is no icon directory at all")]
    [InlineData("MAC address list: 00:11:22:33:44:55")]
    [InlineData("DSD notes and other things")]
    [InlineData("#?RADIANCE")]
    [InlineData("gimp xcf is a format")]
    [InlineData("\u00FF\n")]
    public void Text_that_starts_like_a_header_is_not_media(string head)
    {
        Assert.Null(Sniff(Encoding.Latin1.GetBytes(head)));
    }

    [Fact]
    public void Audio_behind_an_id3_tag_is_the_format_that_follows_the_tag()
    {
        static byte[] Tagged(int size, byte[] after) => [.. "ID3"u8, 4, 0, 0, 0, 0, (byte)(size >> 7), (byte)(size & 0x7F), .. new byte[size], .. after];
        byte[] mp3Frame = [0xFF, 0xFB, 0x90, 0x64, 0, 0, 0, 0];

        Assert.Equal(MediaFormats.Flac, Sniff(Tagged(200, [.. "fLaC"u8, 0, 0, 0, 0x22])));
        Assert.Equal(MediaFormats.Ape, Sniff(Tagged(200, HeaderAudio.Ape())));
        Assert.Equal(MediaFormats.Musepack, Sniff(Tagged(200, HeaderAudio.Musepack())));
        Assert.Equal(MediaFormats.Mp3, Sniff(Tagged(200, mp3Frame)));
        // A tag (cover art) longer than the bytes sniffed: the name decides between audio formats, and MP3 stays the default.
        var longTag = Tagged(10000, mp3Frame)[..4096];
        Assert.Equal(MediaFormats.Ape, Sniff(longTag, "ape"));
        Assert.Equal(MediaFormats.Mp3, Sniff(longTag, "m4a"));
        Assert.Equal(MediaFormats.Mp3, Sniff(longTag));
    }
}
