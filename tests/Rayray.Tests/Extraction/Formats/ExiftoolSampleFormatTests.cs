using Rayray.Core.Documents;
using Rayray.Testing;

namespace Rayray.Tests.Extraction.Formats;

/// <summary>
/// The real files of ../shared/corpus/exiftool-samples in the formats added here, scanned with ffprobe, against
/// what `exiftool -n -json` (12.57) reports for them (recorded below; exiftool does not run in the tests).
/// </summary>
public sealed class ExiftoolSampleFormatTests : IDisposable
{
    private readonly FormatScan _scan = new();

    public void Dispose() => _scan.Dispose();

    private static string Samples => Path.Combine(RepoPaths.Shared ?? throw new InvalidOperationException("CI must provide ../shared"), "corpus", "exiftool-samples");

    private async Task<MediaDocument> Scan(string name) =>
        await _scan.ScanOneAsync(name, await File.ReadAllBytesAsync(Path.Combine(Samples, name)), probe: ExternalTool.Find("ffprobe") is not null);

    [SharedCorpusTheory]
    [InlineData("PCX.pcx", "image/vnd.zbrush.pcx", 8, 8)]
    [InlineData("PPM.ppm", "image/x-portable-pixmap", 8, 8)]
    [InlineData("Jpeg2000.jp2", "image/jp2", 16, 16)]
    [InlineData("JXL.jxl", "image/jxl", 200, 130)]
    [InlineData("ICO.ico", "image/vnd.microsoft.icon", 1, 1)]
    [InlineData("GIMP.xcf", "image/x-xcf", 8, 8)]
    public async Task Scan_indexes_the_exiftool_sample_with_the_size_exiftool_reports(string name, string mime, int width, int height)
    {
        var document = await Scan(name);

        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Equal(MediaKind.Image, document.Kind);
        Assert.Equal(mime, document.File.MimeType);
        Assert.Equal((width, height), (document.Dimensions?.Width, document.Dimensions?.Height));
    }

    [SharedCorpusFact]
    public async Task Scan_reads_the_metadata_the_xcf_and_jp2_samples_carry_as_exiftool_does()
    {
        var xcf = await Scan("GIMP.xcf");
        var jp2 = await Scan("Jpeg2000.jp2");

        // exiftool: XMP Creator and EXIF Artist "Phil Harvey", XMP Rights and EXIF Copyright "Free for all", XMP Description
        // "ExifTool XCF test", EXIF Software "Adobe Photoshop 7.0", ProfileDescription "Nikon Adobe RGB 4.0.0.3000", Orientation 1.
        Assert.Equal(("Phil Harvey", "Free for all"), (xcf.Author?.Name, xcf.Author?.Copyright));
        Assert.Equal("ExifTool XCF test", xcf.Description);
        Assert.Equal("Adobe Photoshop 7.0", xcf.Camera?.Software);
        Assert.Equal("Nikon Adobe RGB 4.0.0.3000", xcf.Technical?.ColorSpace);
        Assert.Equal(1, xcf.Dimensions?.Orientation);
        // exiftool: EXIF Artist "me" (in the "JpgTiffExif->JP2" box).
        Assert.Equal("me", jp2.Author?.Name);
    }

    [SharedCorpusFact("ffprobe")]
    public async Task Scan_indexes_the_opus_sample_as_audio()
    {
        var document = await Scan("Opus.opus");

        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Equal(MediaKind.Audio, document.Kind);
        Assert.Equal("audio/opus", document.File.MimeType);
        // exiftool: AudioChannels 1, SampleRate 7872 (the input rate the header records; Opus always decodes at 48 kHz).
        Assert.Equal(1, document.Technical?.Channels);
        Assert.Equal(48000, document.Technical?.SampleRate);
        Assert.Equal("opus", document.Technical?.AudioCodec);
    }

    [SharedCorpusFact("ffprobe")]
    public async Task Scan_indexes_the_aiff_sample_as_audio_with_the_duration_exiftool_reports()
    {
        var document = await Scan("AIFF.aif");

        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Equal(MediaKind.Audio, document.Kind);
        // exiftool: Duration 0.523990929705215 (11,554 sample frames at 22,050 Hz), NumChannels 1, SampleRate 22050.
        Assert.Equal(0.524, document.Dimensions?.Duration);
        Assert.Equal(1, document.Technical?.Channels);
        Assert.Equal(22050, document.Technical?.SampleRate);
    }
}
