using Rayray.Core.Documents;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Extraction.Formats;

/// <summary>
/// Audio and video containers recognized by their signature and described by ffprobe: files ffmpeg writes,
/// and APE, DSF and Musepack written from their headers (ffmpeg writes none of them).
/// </summary>
public sealed class AudioVideoFormatTests : IDisposable
{
    private readonly FormatScan _scan = new();

    public void Dispose() => _scan.Dispose();

    private static byte[] Make(string name) => name switch
    {
        "clip.flv" => TestMedia.Video("flv", 160, 120),
        "clip.mxf" => TestMedia.Video("mxf", 160, 120, "mono", "-c:v", "mpeg2video", "-c:a", "pcm_s16le", "-ar", "48000"),
        "clip.dv" => TestMedia.Video("dv", 720, 576, "stereo", "-c:v", "dvvideo", "-c:a", "pcm_s16le", "-ar", "48000"),
        "clip.rm" => TestMedia.Video("rm", 160, 128, "mono", "-c:v", "rv10", "-c:a", "ac3"),
        "clip.wtv" => TestMedia.Video("wtv", 160, 120, "mono", "-c:v", "mpeg2video", "-c:a", "mp2"),
        "clip.ogv" => TestMedia.Video("ogv", 160, 120, "mono", "-c:v", "libtheora", "-c:a", "libvorbis"),
        "track.wv" => TestMedia.Audio("wv"),
        "track.ogg" => TestMedia.Audio("ogg"),
        "track.spx" => TestMedia.Audio("spx", null, "-ar", "16000", "-ac", "1"),
        "flac-in-ogg.oga" => TestMedia.Audio("oga", null, "-c:a", "flac"),
        "track.ape" => HeaderAudio.Ape(),
        "track.dsf" => HeaderAudio.Dsf(),
        "track.mpc" => HeaderAudio.Musepack(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no fixture for this name"),
    };

    [RequiresToolTheory("ffmpeg", "ffprobe")]
    [InlineData("clip.flv", "video/x-flv", "h264", 160, 120)]
    [InlineData("clip.mxf", "application/mxf", "mpeg2video", 160, 120)]
    [InlineData("clip.dv", "video/dv", "dvvideo", 720, 576)]
    [InlineData("clip.rm", "application/vnd.rn-realmedia", "rv10", 160, 128)]
    [InlineData("clip.wtv", "video/x-ms-wtv", "mpeg2video", 160, 120)]
    [InlineData("clip.ogv", "video/ogg", "theora", 160, 120)]
    public async Task Scan_indexes_a_video_container_with_its_size_and_duration(string name, string mime, string codec, int width, int height)
    {
        var document = await _scan.ScanOneAsync(name, Make(name), probe: true);

        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Equal(MediaKind.Video, document.Kind);
        Assert.Equal(mime, document.File.MimeType);
        Assert.Equal(codec, document.Technical?.Codec);
        Assert.Equal((width, height), (document.Dimensions?.Width, document.Dimensions?.Height));
        Assert.InRange(document.Dimensions!.Duration!.Value, 0.95, 1.1);
    }

    [RequiresToolTheory("ffmpeg", "ffprobe")]
    [InlineData("track.wv", "audio/x-wavpack", "wavpack", 1.0)]
    [InlineData("track.ogg", "audio/ogg", "vorbis", 1.0)]
    [InlineData("track.spx", "audio/ogg", "speex", 1.0)]
    [InlineData("flac-in-ogg.oga", "audio/ogg", "flac", 1.0)]
    [InlineData("track.ape", "audio/x-ape", "ape", 1.0)]
    [InlineData("track.dsf", "audio/x-dsf", "dsd_lsbf_planar", 0.1)]
    [InlineData("track.mpc", "audio/x-musepack", "musepack7", 0.993)]
    public async Task Scan_indexes_an_audio_format_with_its_duration(string name, string mime, string codec, double seconds)
    {
        var document = await _scan.ScanOneAsync(name, Make(name), probe: true);

        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Equal(MediaKind.Audio, document.Kind);
        Assert.Equal(mime, document.File.MimeType);
        Assert.Equal(codec, document.Technical?.AudioCodec);
        Assert.InRange(document.Dimensions!.Duration!.Value, seconds * 0.95, seconds * 1.1);
    }

    [RequiresToolFact("ffmpeg", "ffprobe")]
    public async Task Scan_recognizes_audio_and_video_by_their_content_whatever_their_name()
    {
        string[] names = ["clip.flv", "clip.mxf", "clip.rm", "clip.wtv", "clip.ogv", "track.wv", "track.ape", "track.dsf", "track.mpc"];
        var files = names.ToDictionary(n => n.Replace('.', '-') + ".dat", Make);

        var documents = await _scan.ScanAsync(files, probe: true);

        foreach (var (name, document) in documents)
        {
            var kind = name.StartsWith("clip", StringComparison.Ordinal) ? MediaKind.Video : MediaKind.Audio;
            Assert.True(document is { Status: DocumentStatus.Indexed } && document.Kind == kind, $"{name}: {document?.Status} {document?.Kind}");
            Assert.True(document!.Dimensions?.Duration > 0, $"{name}: no duration");
        }
    }
}
