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
}
