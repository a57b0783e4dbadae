using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Cli.Tests;

/// <summary>What a person at a terminal sees: the progress bar, and stats with bar charts; never in a pipe.</summary>
public sealed class TerminalOutputTests(OutputLibrary library) : IClassFixture<OutputLibrary>
{
    private static readonly Dictionary<string, string> NoColor = new() { ["NO_COLOR"] = "1" };

    [Fact]
    public async Task Stats_on_a_terminal_draws_bar_charts_by_year_camera_and_kind()
    {
        Assert.True(InATerminal.Available, "needs util-linux's script");

        var (exit, screen) = await InATerminal.RunAsync(NoColor, "stats", "--db", library.Database);

        Assert.Equal(0, exit);
        Assert.Contains("documents   5 (5 indexed", screen, StringComparison.Ordinal); // the summary is still there
        var year = screen.IndexOf("by year", StringComparison.Ordinal);
        var camera = screen.IndexOf("by camera (top 10)", StringComparison.Ordinal);
        var kind = screen.IndexOf("by kind", Math.Max(camera, 0), StringComparison.Ordinal);
        Assert.True(year > 0 && camera > year && kind > camera, screen);
        var years = screen[year..camera];
        Assert.True(years.IndexOf("2021", StringComparison.Ordinal) < years.IndexOf("2022", StringComparison.Ordinal), years);
        Assert.True(years.IndexOf("2022", StringComparison.Ordinal) < years.IndexOf("2023", StringComparison.Ordinal), years);
        var cameraBars = screen[camera..kind].Split('\n').Where(l => l.Contains('█', StringComparison.Ordinal)).ToList();
        Assert.StartsWith("Canon EOS R5", cameraBars[0].Trim(), StringComparison.Ordinal);
        Assert.EndsWith(" 2", cameraBars[0].TrimEnd(), StringComparison.Ordinal);
        Assert.Contains(screen[kind..].Split('\n'), l => l.StartsWith("image", StringComparison.Ordinal) && l.TrimEnd().EndsWith(" 5", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("json")]
    [InlineData("csv")]
    public async Task Stats_as_json_or_csv_never_draws_even_on_a_terminal(string format)
    {
        Assert.True(InATerminal.Available, "needs util-linux's script");

        var (exit, screen) = await InATerminal.RunAsync(NoColor, "stats", "--format", format, "--db", library.Database);

        Assert.Equal(0, exit);
        Assert.DoesNotContain("█", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("by year", screen, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_in_a_pipe_draws_no_chart()
    {
        var result = await library.Rayray("stats", "--format", "table");

        Assert.Contains("documents   5", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("█", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_table_of_an_object_field_shows_the_fields_these_documents_have()
    {
        var result = await library.Rayray("query", "make:Canon", "--format", "table", "--fields", "name,camera");

        var header = result.Stdout.Split('\n')[1];
        Assert.Equal(["name", "make", "model", "iso"], header.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    [Fact]
    public async Task The_progress_bar_is_drawn_on_a_terminal_and_cleared_at_the_end()
    {
        Assert.True(InATerminal.Available, "needs util-linux's script");
        using var folder = new TempFolder("rayray-bar");
        for (var i = 0; i < 400; i++)
            folder.Write($"library/{i:D4}.jpg", TestImages.Jpeg(16, 16, new ExifSpec { Model = $"camera {i}" }));

        var (exit, screen) = await InATerminal.RunAsync(NoColor, "scan", folder["library"], "--db", folder["rayray.db"], "--workers", "1");

        Assert.Equal(0, exit);
        var frames = screen.Split("\r\e[2K", StringSplitOptions.None);
        Assert.Contains(frames, f => f.Contains("files/s", StringComparison.Ordinal) && f.Contains("MB/s", StringComparison.Ordinal));
        // The last thing done to the progress line is clearing it: the summary starts on a clean line.
        var summary = screen.IndexOf("Scanned in", StringComparison.Ordinal);
        Assert.True(summary > 0, screen);
        Assert.EndsWith("\r\e[2K", screen[..summary], StringComparison.Ordinal);
        Assert.DoesNotContain("\e[?25l", screen, StringComparison.Ordinal); // the cursor is never hidden, so Ctrl-C cannot leave it hidden
    }

    [Fact]
    public async Task The_progress_bar_is_never_drawn_in_a_pipe_even_when_asked_for()
    {
        using var folder = new TempFolder("rayray-bar");
        folder.Write("library/one.jpg", TestImages.Jpeg(16, 16));

        var result = await RayrayProcess.RunAsync(["scan", folder["library"], "--db", folder["rayray.db"], "--progress", "bar"]);

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain('\r', result.Stderr);
        Assert.DoesNotContain('\e', result.Stderr);
    }
}
