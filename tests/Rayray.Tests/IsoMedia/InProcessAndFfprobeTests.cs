using Rayray.Core.Extraction.IsoMedia;
using Rayray.Core.Extraction.Probing;
using Rayray.Core.Normalization;
using Rayray.Testing;

namespace Rayray.Tests.IsoMedia;

/// <summary>
/// rayray's own movie reader against ffprobe on the same files: every field of the facts must mean the same, so a
/// library scanned without ffprobe is described as it was with it.
/// </summary>
public sealed class InProcessAndFfprobeTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-isomedia");

    public void Dispose() => _folder.Dispose();

    [RequiresToolTheory("ffmpeg", "ffprobe")]
    [MemberData(nameof(PhoneMovies.Names), MemberType = typeof(PhoneMovies))]
    public void A_phone_movie_reads_the_same_in_process_as_through_ffprobe(string name)
    {
        var (extension, make) = PhoneMovies.All[name];
        var bytes = make();
        var path = _folder.Write($"{name}.{extension}", bytes);

        using var binary = FfprobeBinary.Prepare(ExternalTool.Require("ffprobe"));
        var outcome = new FfprobeRunner(binary, TimeSpan.FromSeconds(30)).Probe(path, default);
        var throughFfprobe = FfprobeFacts.Read(Assert.IsType<System.Text.Json.Nodes.JsonObject>(outcome.Output));
        var inProcess = IsoMediaReader.Read(new MemoryStream(bytes), bytes.Length);

        Assert.True(inProcess.Gap is null, $"the reader left it to ffprobe: {inProcess.Gap}");
        var differences = AudioVideoFactsDifferences.Between(throughFfprobe, inProcess.Facts!);
        Assert.True(differences.Count == 0, "ffprobe vs in-process:\n" + string.Join("\n", differences));
    }

    [RequiresToolFact("ffmpeg")]
    public void An_iphone_movie_gives_its_apple_keys_without_ffprobe()
    {
        var bytes = PhoneMovies.All["apple-keys-live-photo"].Make();

        var facts = IsoMediaReader.Read(new MemoryStream(bytes), bytes.Length).Facts!;

        Assert.Equal(("Apple", "iPhone 15 Pro", "17.1"), (facts.Make, facts.Model, facts.Software));
        Assert.Equal((37.7749, -122.4194, 12.5), facts.Position);
        Assert.Equal("2024-01-15T10:30:00-08:00", facts.LocalCreation?.ToString());
        Assert.Equal("2024-01-15T18:30:00Z", facts.UtcCreation?.ToString());
        Assert.Equal("6F1E0C52-3E2A-4E48-9C57-1B8C1E0F7A11", facts.ContentIdentifier);
        Assert.Equal(("hevc", "Main 10", "yuv420p10le", 10), (facts.Technical?.Codec, facts.Technical?.Profile, facts.Technical?.PixelFormat, facts.Technical?.BitDepth));
        Assert.Equal(("aac", 44100, 1), (facts.Technical?.AudioCodec, facts.Technical?.SampleRate, facts.Technical?.Channels));
    }

    [RequiresToolFact("ffmpeg")]
    public void A_portrait_movie_is_given_after_rotation()
    {
        var bytes = PhoneMovies.All["rotated-90"].Make();

        var facts = IsoMediaReader.Read(new MemoryStream(bytes), bytes.Length).Facts!;

        Assert.Equal((240, 320, 270), (facts.Dimensions?.Width, facts.Dimensions?.Height, facts.Dimensions?.Rotation));
        Assert.Equal(25, facts.Technical?.Fps);
    }
}
