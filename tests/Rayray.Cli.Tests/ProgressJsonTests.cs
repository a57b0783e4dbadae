using System.Text.Json;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Cli.Tests;

/// <summary><c>scan --progress json</c>: one JSON object a line on stderr, for wrappers and GUIs.</summary>
public sealed class ProgressJsonTests : IDisposable
{
    private static readonly string[] Fields =
        ["phase", "elapsedSeconds", "filesDone", "filesTotal", "bytesDone", "bytesTotal", "filesPerSecond", "megabytesPerSecond", "etaSeconds", "path"];

    private readonly TempFolder _folder = new("rayray-progress");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Progress_json_lines_parse_carry_every_field_and_end_with_done()
    {
        for (var i = 0; i < 300; i++)
            _folder.Write($"library/{i:D4}.jpg", TestImages.Jpeg(16, 16, new ExifSpec { Model = $"camera {i}" }));

        var result = await RayrayProcess.RunAsync(["scan", _folder["library"], "--db", _folder["rayray.db"], "--progress", "json", "--workers", "1", "--quiet"]);

        Assert.Equal(0, result.ExitCode);
        // --quiet silences the summary, not what was asked for by name.
        var lines = result.StderrLines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            Assert.Equal(Fields, line.EnumerateObject().Select(p => p.Name));
            Assert.Contains(line.GetProperty("phase").GetString(), new[] { "walking", "reading", "writing", "done" });
        }
        var done = lines[^1];
        Assert.Equal("done", done.GetProperty("phase").GetString());
        Assert.Single(lines, l => l.GetProperty("phase").GetString() == "done");
        Assert.Equal(300, done.GetProperty("filesDone").GetInt64());
        Assert.Equal(300, done.GetProperty("filesTotal").GetInt64());
        Assert.Equal(done.GetProperty("bytesTotal").GetInt64(), done.GetProperty("bytesDone").GetInt64());
        Assert.Equal(0, done.GetProperty("etaSeconds").GetDouble());
        Assert.True(done.GetProperty("filesPerSecond").GetDouble() > 0);
        Assert.StartsWith(_folder["library"], done.GetProperty("path").GetString(), StringComparison.Ordinal);
        var files = lines.Select(l => l.GetProperty("filesDone").GetInt64()).ToList();
        Assert.Equal(files.Order(), files);
    }

    [Fact]
    public async Task No_progress_stays_an_alias_of_none_and_contradicting_it_is_a_usage_error()
    {
        _folder.Write("library/one.jpg", TestImages.Jpeg(16, 16));

        var none = await RayrayProcess.RunAsync(["scan", _folder["library"], "--db", _folder["rayray.db"], "--no-progress", "--quiet"]);
        var both = await RayrayProcess.RunAsync(["scan", _folder["library"], "--db", _folder["rayray.db"], "--no-progress", "--progress", "json"]);

        Assert.Equal(0, none.ExitCode);
        Assert.Equal("", none.Stderr);
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--no-progress", both.Stderr, StringComparison.Ordinal);
    }
}
