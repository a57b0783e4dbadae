using Rayray.Core.Common;
using Rayray.Core.Documents;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Tests.Scanning;

/// <summary>
/// Videos whose names FFMpegCore's quoted argument string or ffprobe could not take as they are
/// (quotes, backslashes, control characters, bytes that are not UTF-8) are probed all the same. The clips are
/// Matroska: rayray reads MP4 and QuickTime itself, so only other containers reach ffprobe.
/// </summary>
public sealed class VideoFileNameTests : IDisposable
{
    private readonly FixtureLibrary _library = new();

    public void Dispose() => _library.Dispose();

    private static byte[] Clip() => TestMedia.Video("mkv", 64, 48, "none");

    private async Task<MediaDocument> ScanAsync(string path)
    {
        await using var store = await TestScan.OpenSqliteAsync(_library.DatabasePath);
        var summary = await TestScan.RunAsync(store, [_library.Root],
            o => o with { Extraction = o.Extraction with { FfprobePath = ExternalTool.Require("ffprobe") } });
        Assert.False(summary.HadProblems, string.Join("; ", summary.Problems.Select(p => p.Reason)));
        var document = await store.FindAsync(path, default);
        Assert.NotNull(document);
        return document;
    }

    private static void AssertProbed(MediaDocument document)
    {
        Assert.Equal(DocumentStatus.Indexed, document.Status);
        Assert.Equal("h264", document.Technical?.Codec);
        Assert.Equal(1.0, document.Dimensions?.Duration);
        Assert.True(document.MetadataRaw.ContainsKey("ffprobe"));
        Assert.DoesNotContain(document.Errors, e => e.Contains("ffprobe", StringComparison.Ordinal));
    }

    [RequiresToolTheory("ffmpeg", "ffprobe")]
    [InlineData("say \"cheese\".mkv")]
    [InlineData("a\\\"b.mkv")]
    [InlineData("back\\slash.mkv")]
    [InlineData("line\nbreak.mkv")]
    [InlineData("tab\there.mkv")]
    [InlineData("two  spaces and a trailing one .mkv")]
    [InlineData("$HOME and $(date) and `date`.mkv")]
    [InlineData("concat:colon.mkv")]
    [InlineData("-dash first.mkv")]
    [InlineData("100% 'single' quotes.mkv")]
    [InlineData("naïve café ☕.mkv")]
    public async Task A_video_whose_name_needs_care_is_probed(string name)
    {
        var path = _library.Add(name, Clip());

        AssertProbed(await ScanAsync(path));
    }

    [RequiresToolFact("ffmpeg", "ffprobe")]
    public async Task A_video_whose_name_is_latin1_bytes_is_probed()
    {
        var plain = _library.Add("plain.mkv", Clip());
        var latin1 = Path.Join(_library.Root, PathBytes.Decode([.. "vid"u8, 0xE9, .. "o.mkv"u8]));
        // Renamed by its bytes, as an old Latin-1 share names it.
        ExternalTool.Run("sh", "-c", "mv \"$1\" \"$(printf \"$2\")\"", "sh", plain, Octal(PathBytes.Encode(latin1)));

        AssertProbed(await ScanAsync(latin1));
    }

    private static string Octal(byte[] bytes) =>
        string.Concat(bytes.Select(b => b is >= 0x20 and < 0x7F and not (byte)'\\' and not (byte)'%' ? ((char)b).ToString() : $"\\{Convert.ToString(b, 8)}"));
}
