using System.Text.Json;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Cli.Tests;

/// <summary>
/// The ffprobe named by --ffprobe or RAYRAY_FFPROBE is the one that runs: FFMpegCore takes a folder,
/// prefers an x64/ffprobe in it and falls back to the PATH's ffprobe without a word.
/// </summary>
public sealed class FfprobeBinaryTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-ffprobe-binary");

    public void Dispose() => _folder.Dispose();

    private string Database => _folder["db/rayray.db"];
    private string Named => _folder["named.log"];
    private string Decoy => _folder["decoy.log"];

    /// <summary>A Matroska clip: rayray reads MP4 and QuickTime itself, so only other containers run ffprobe.</summary>
    private string AddVideo() => _folder.Write("library/clip.mkv", TestMedia.Video("mkv", 64, 48, "none"));

    private async Task<string?> CodecAsync()
    {
        var show = await RayrayProcess.RunAsync(["show", _folder["library/clip.mkv"], "--db", Database]);
        Assert.True(show.ExitCode == 0, show.Stderr);
        using var document = JsonDocument.Parse(show.Stdout);
        return document.RootElement.GetProperty("technical").GetProperty("codec").GetString();
    }

    private static string[] Calls(string log) => File.Exists(log) ? File.ReadAllLines(log) : [];

    [RequiresToolFact("ffmpeg", "ffprobe")]
    public async Task The_ffprobe_named_by_the_option_runs_under_another_name_and_the_one_on_the_path_does_not()
    {
        var video = AddVideo();
        var named = StandInFfprobe.Recording(_folder, "tools/probe-6.1", Named);
        StandInFfprobe.Recording(_folder, "path/ffprobe", Decoy);
        var temp = Directory.CreateDirectory(_folder["tmp"]).FullName;

        var result = await RayrayProcess.RunAsync(["scan", _folder["library"], "--db", Database, "--ffprobe", named],
            new Dictionary<string, string> { ["PATH"] = _folder["path"], ["TMPDIR"] = temp });

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("h264", await CodecAsync());
        Assert.Empty(Calls(Decoy));
        // Run through a link named ffprobe in a private folder of the scan's, gone when the scan ended.
        var probe = Assert.Single(Calls(Named), call => call.Contains($" {video} ", StringComparison.Ordinal));
        var link = probe[..probe.IndexOf(' ', StringComparison.Ordinal)];
        Assert.Equal("ffprobe", Path.GetFileName(link));
        Assert.StartsWith(Path.Join(temp, "rayray-ffprobe-"), link, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(temp));
    }

    [RequiresToolFact("ffmpeg", "ffprobe")]
    public async Task The_ffprobe_named_by_the_environment_runs_though_an_x64_ffprobe_sits_beside_it()
    {
        AddVideo();
        var named = StandInFfprobe.Recording(_folder, "bin/ffprobe", Named);
        StandInFfprobe.Recording(_folder, "bin/x64/ffprobe", Decoy);

        var result = await RayrayProcess.RunAsync(["scan", _folder["library"], "--db", Database],
            new Dictionary<string, string> { ["RAYRAY_FFPROBE"] = named });

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("h264", await CodecAsync());
        Assert.Empty(Calls(Decoy));
        Assert.Contains(Calls(Named), call => call.Contains("/clip.mkv ", StringComparison.Ordinal));
    }

    [RequiresToolFact("ffmpeg", "ffprobe")]
    public async Task The_ffprobe_on_the_path_runs_when_none_is_named()
    {
        AddVideo();
        StandInFfprobe.Recording(_folder, "path/ffprobe", Named);

        var result = await RayrayProcess.RunAsync(["scan", _folder["library"], "--db", Database],
            new Dictionary<string, string> { ["PATH"] = _folder["path"] });

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("h264", await CodecAsync());
        Assert.Contains(Calls(Named), call => call.StartsWith(_folder["path/ffprobe"] + " ", StringComparison.Ordinal) && call.Contains("/clip.mkv ", StringComparison.Ordinal));
    }

    [RequiresToolFact("ffprobe")]
    public async Task An_ffprobe_by_another_name_is_a_usage_error_where_no_link_to_it_can_be_made()
    {
        AddVideo();
        var named = StandInFfprobe.Recording(_folder, "tools/probe-6.1", Named);

        var result = await RayrayProcess.RunAsync(["scan", _folder["library"], "--db", Database, "--ffprobe", named],
            new Dictionary<string, string> { ["TMPDIR"] = _folder["no/such/folder"] });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"cannot run {named} as ffprobe", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("name it ffprobe", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Calls(Named));
        Assert.False(File.Exists(Database));
    }
}
