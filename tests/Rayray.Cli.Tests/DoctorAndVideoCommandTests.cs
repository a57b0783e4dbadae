using System.Text.Json;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Cli.Tests;

/// <summary><c>rayray doctor</c>, and how scan behaves with and without ffprobe.</summary>
public sealed class DoctorAndVideoCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-doctor");

    public void Dispose() => _folder.Dispose();

    private string Database => _folder["db/rayray.db"];

    [RequiresToolFact("ffprobe")]
    public async Task Doctor_is_happy_with_a_fresh_setup_and_says_the_database_comes_with_the_first_scan()
    {
        var result = await RayrayProcess.RunAsync(["doctor", "--db", Database]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("does not exist yet; the first scan creates it", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"ffprobe\s+ok\s+\S*ffprobe \(ffprobe version", result.Stdout);
    }

    [RequiresToolFact("ffprobe")]
    public async Task Doctor_after_a_scan_reports_the_schema_the_indexes_and_the_count_as_json()
    {
        _folder.Write("library/a.jpg", TestImages.Jpeg(8, 8));
        await RayrayProcess.RunAsync(["scan", _folder["library"], "--db", Database]);

        var result = await RayrayProcess.RunAsync(["doctor", "--db", Database, "--format", "json"]);

        Assert.Equal(0, result.ExitCode);
        using var report = JsonDocument.Parse(result.Stdout);
        var checks = report.RootElement.EnumerateArray().ToDictionary(c => c.GetProperty("check").GetString()!, c => c);
        Assert.Equal(["database", "indexes", "disk space", "ffprobe"], checks.Keys);
        Assert.All(checks.Values, c => Assert.Equal("ok", c.GetProperty("status").GetString()));
        Assert.Contains("1 documents", checks["database"].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_exits_1_and_says_how_to_fix_a_missing_ffprobe()
    {
        var result = await RayrayProcess.RunAsync(["doctor", "--db", Database, "--ffprobe", _folder["nowhere/ffprobe"]]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ffprobe     FAILED", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("apt install ffmpeg", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_exits_1_on_a_damaged_database_naming_it()
    {
        var garbage = _folder.Write("garbage.db", new string('x', 8192));

        var result = await RayrayProcess.RunAsync(["doctor", "--db", garbage]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"database    FAILED   {garbage} is not a rayray database or is damaged", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_with_an_ffprobe_that_does_not_exist_is_a_usage_error()
    {
        _folder.Write("library/a.jpg", TestImages.Jpeg(8, 8));
        var missing = _folder["no/ffprobe"];

        var byOption = await RayrayProcess.RunAsync(["scan", _folder["library"], "--db", Database, "--ffprobe", missing]);
        var byEnvironment = await RayrayProcess.RunAsync(["scan", _folder["library"], "--db", Database], new Dictionary<string, string> { ["RAYRAY_FFPROBE"] = missing });

        Assert.Equal(2, byOption.ExitCode);
        Assert.Contains($"ffprobe not found at {missing}", byOption.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, byEnvironment.ExitCode);
    }

    [RequiresToolFact("ffmpeg")]
    public async Task Without_ffprobe_on_the_path_videos_are_still_indexed_and_the_scan_says_so_once()
    {
        // Matroska: MP4 and QuickTime are read without ffprobe, so they would not need it.
        for (var i = 0; i < 3; i++)
            _folder.Write($"library/clip{i}.mkv", TestMedia.Video("mkv", 160, 120, "none", "-metadata", $"title=clip {i}"));
        _folder.Write("library/photo.jpg", TestImages.Jpeg(8, 8));
        Directory.CreateDirectory(_folder["empty-path"]);

        var result = await RayrayProcess.RunAsync(["scan", _folder["library"], "--db", Database],
            new Dictionary<string, string> { ["PATH"] = _folder["empty-path"] });

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("4 new", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.StderrLines, l => l.StartsWith("warning: ffprobe is not available", StringComparison.Ordinal));
        Assert.Contains("3 video/audio files were indexed from their headers only", result.Stderr, StringComparison.Ordinal);
    }
}
