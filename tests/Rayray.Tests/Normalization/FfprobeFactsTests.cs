using System.Text.Json.Nodes;
using Rayray.Core.Normalization;

namespace Rayray.Tests.Normalization;

/// <summary>Reading ffprobe's JSON, including the shapes other ffprobe versions and devices produce.</summary>
public sealed class FfprobeFactsTests
{
    private static AudioVideoFacts Read(string json) => FfprobeFacts.Read((JsonObject)JsonNode.Parse(json)!);

    [Theory]
    [InlineData("""{"side_data_type": "Display Matrix", "rotation": -90}""", 90)]
    [InlineData("""{"side_data_type": "Display Matrix", "rotation": 90}""", 270)]
    [InlineData("""{"side_data_type": "Display Matrix", "rotation": 180}""", 180)]
    [InlineData("""{"side_data_type": "Display Matrix", "rotation": -0}""", 0)]
    public void The_display_matrix_turns_into_a_clockwise_rotation(string sideData, int clockwise)
    {
        var facts = Read($$"""{"format": {}, "streams": [{"codec_type": "video", "width": 1920, "height": 1080, "side_data_list": [{{sideData}}]}]}""");

        Assert.Equal(clockwise, facts.Dimensions?.Rotation);
        Assert.Equal(clockwise is 90 or 270 ? (1080, 1920) : (1920, 1080), (facts.Dimensions?.Width, facts.Dimensions?.Height));
    }

    [Fact]
    public void The_old_rotate_tag_is_already_clockwise()
    {
        var facts = Read("""{"format": {}, "streams": [{"codec_type": "video", "width": 1920, "height": 1080, "tags": {"rotate": "90"}}]}""");

        Assert.Equal(90, facts.Dimensions?.Rotation);
    }

    [Fact]
    public void Cover_art_is_not_the_video_stream()
    {
        var facts = Read("""
            {"format": {"duration": "200.5"}, "streams": [
              {"codec_type": "audio", "codec_name": "mp3", "channels": 2, "sample_rate": "44100"},
              {"codec_type": "video", "codec_name": "mjpeg", "width": 500, "height": 500, "disposition": {"attached_pic": 1}}]}
            """);

        Assert.Null(facts.Technical?.Codec);
        Assert.Null(facts.Dimensions?.Width);
        Assert.Equal(200.5, facts.Dimensions?.Duration);
        Assert.Equal("mp3", facts.Technical?.AudioCodec);
    }

    [Fact]
    public void Tags_are_found_whatever_their_case_and_stream()
    {
        var facts = Read("""
            {"format": {"tags": {"ENCODER": "x"}}, "streams": [
              {"codec_type": "audio", "tags": {"TITLE": "Song", "ARTIST": "Band", "GENRE": "Jazz; Blues", "ALBUM": "Live / Paris"}}]}
            """);

        Assert.Equal("Song", facts.Title);
        Assert.Equal("Band", facts.Artist);
        Assert.Equal(["Live / Paris", "Jazz", "Blues"], facts.Tags);
    }

    [Fact]
    public void Android_keys_give_make_and_model_and_zero_dates_are_not_dates()
    {
        var facts = Read("""
            {"format": {"tags": {"com.android.manufacturer": "Google", "com.android.model": "Pixel 8", "com.android.version": "14",
              "creation_time": "1970-01-01T00:00:00.000000Z", "location": "+51.5074-000.1278/"}}, "streams": []}
            """);

        Assert.Equal(("Google", "Pixel 8", "14"), (facts.Make, facts.Model, facts.Software));
        Assert.Null(facts.UtcCreation);
        Assert.Equal(51.5074, facts.Position?.Latitude);
    }

    [Theory]
    [InlineData("30000/1001", 29.97)]
    [InlineData("25/1", 25.0)]
    [InlineData("0/0", null)]
    public void Frame_rates_are_the_average_rate(string rate, double? fps)
    {
        var facts = Read($$"""{"format": {}, "streams": [{"codec_type": "video", "avg_frame_rate": "{{rate}}"}]}""");

        Assert.Equal(fps, facts.Technical?.Fps);
    }

    [Theory]
    [InlineData("yuv420p10le", null, 10)]
    [InlineData("yuv420p12be", null, 12)]
    [InlineData("yuv420p", null, 8)]
    [InlineData("yuv420p", "10", 10)]
    public void Bit_depth_comes_from_the_raw_sample_size_or_the_pixel_format(string pixelFormat, string? rawBits, int depth)
    {
        var bits = rawBits is null ? "" : $$""", "bits_per_raw_sample": "{{rawBits}}" """;
        var facts = Read($$"""{"format": {}, "streams": [{"codec_type": "video", "pix_fmt": "{{pixelFormat}}"{{bits}}}]}""");

        Assert.Equal(depth, facts.Technical?.BitDepth);
    }

    [Fact]
    public void Hlg_is_hdr_too()
    {
        var facts = Read("""{"format": {}, "streams": [{"codec_type": "video", "color_transfer": "arib-std-b67"}]}""");
        Assert.True(facts.Technical?.Hdr);
    }
}
