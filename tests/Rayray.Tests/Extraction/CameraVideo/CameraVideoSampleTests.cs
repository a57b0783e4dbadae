using Rayray.Core.Documents;
using Rayray.Core.Extraction.Probing;
using Rayray.Core.Scanning;
using Rayray.Testing;

namespace Rayray.Tests.Extraction.CameraVideo;

/// <summary>
/// exiftool's own sample movies (../shared/corpus/exiftool-samples) scanned into SQLite, with and without ffprobe: the
/// camera that shot them and how, as exiftool 12.57 reads them (`exiftool -n -json`, values recorded below).
/// </summary>
public sealed class CameraVideoSampleTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-camera-video");

    public void Dispose() => _folder.Dispose();

    private static string Sample(string name) => Path.Combine(RepoPaths.Shared!, "corpus", "exiftool-samples", name);

    private async Task<MediaDocument> Scan(string sample, bool probe)
    {
        var path = _folder.Write("library/" + sample, File.ReadAllBytes(Sample(sample)));
        await using var store = await TestScan.OpenSqliteAsync(_folder["db/rayray.db"]);
        await TestScan.RunAsync(store, [_folder["library"]], o => probe ? WithFfprobe(o) : o);
        return (await store.FindAsync(path, default))!;
    }

    private static ScanOptions WithFfprobe(ScanOptions options) => options with
    {
        Extraction = options.Extraction with { FfprobePath = FfprobeLocator.Find(null), ProbeTimeout = TimeSpan.FromSeconds(30) },
    };

    // exiftool -n -json M2TS.mts: Make 4113 (printed without -n: "Canon"), ExposureTime 0.04,
    // ApertureSetting 202 (printed: 2.4), DateTimeOriginal "2008:12:31 23:16:24+01:00", ImageWidth 1920, ImageHeight 1080.
    [SharedCorpusFact("ffprobe")]
    public async Task The_avchd_sample_names_its_canon_camcorder_and_when_it_recorded_in_which_zone()
    {
        var document = await Scan("M2TS.mts", probe: true);

        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Equal("Canon", document.Camera?.Make);
        Assert.Null(document.Camera?.Model);
        Assert.Equal(0.04, document.Camera?.Exposure);
        Assert.Equal(2.4, document.Camera?.Aperture);
        Assert.Null(document.Camera?.Iso);
        Assert.Equal("2008-12-31T23:16:24+01:00", document.Timestamps.Taken?.ToString());
        Assert.Equal((1920, 1080), (document.Dimensions?.Width, document.Dimensions?.Height));
        Assert.Equal("h264", document.Technical?.Codec);
        // metadataRaw keeps the maker's code, which is what exiftool -n prints.
        Assert.Equal(4113, (int)document.MetadataRaw["file"]!["H264"]!["MakeCode"]!);
    }

    [SharedCorpusFact]
    public async Task The_avchd_sample_is_described_without_ffprobe_too()
    {
        var document = await Scan("M2TS.mts", probe: false);

        Assert.Equal("Canon", document.Camera?.Make);
        Assert.Equal(0.04, document.Camera?.Exposure);
        Assert.Equal("2008-12-31T23:16:24+01:00", document.Timestamps.Taken?.ToString());
        Assert.Equal((1920, 1080), (document.Dimensions?.Width, document.Dimensions?.Height));
    }

    // exiftool -n -json QuickTime.mov: Make "PENTAX DIGITAL CAMERA", ExposureTime 0.0260416666666667, FNumber 4,
    // ISO 50, FocalLength 18.9, CreateDate "2005:08:11 14:03:54" (QuickTime's UTC), ImageWidth 320, ImageHeight 240.
    // Its Photo-JPEG video is left to ffprobe; the Pentax TAGS box is read either way.
    [SharedCorpusFact("ffprobe")]
    public async Task The_pentax_movie_gives_its_exposure_aperture_iso_and_focal_length()
    {
        var document = await Scan("QuickTime.mov", probe: true);

        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.True(document.MetadataRaw.ContainsKey("ffprobe"));
        AssertPentax(document.Camera);
        Assert.Equal("2005-08-11T14:03:54Z", document.Timestamps.Taken?.ToString());
        Assert.Equal((320, 240), (document.Dimensions?.Width, document.Dimensions?.Height));
    }

    [SharedCorpusFact]
    public async Task The_pentax_movie_gives_its_camera_without_ffprobe_too()
    {
        var document = await Scan("QuickTime.mov", probe: false);

        AssertPentax(document.Camera);
        Assert.Equal("2005-08-11T14:03:54Z", document.Timestamps.Taken?.ToString());
    }

    private static void AssertPentax(CameraInfo? camera)
    {
        Assert.NotNull(camera);
        Assert.Equal("PENTAX DIGITAL CAMERA", camera.Make);
        Assert.Equal(0.0260416666666667, camera.Exposure!.Value, 10);
        Assert.Equal(4, camera.Aperture);
        Assert.Equal(50, camera.Iso);
        Assert.Equal(18.9, camera.FocalLength);
    }
}
