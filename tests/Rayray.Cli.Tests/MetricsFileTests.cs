using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Cli.Tests;

/// <summary><c>scan --metrics-file</c>: the Prometheus textfile for node_exporter, written however the scan ends.</summary>
public sealed class MetricsFileTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-metrics");

    public void Dispose() => _folder.Dispose();

    // A root whose name needs the label escapes: a quote and a backslash.
    private string Root => _folder["photos \"2024\" \\ best"];
    private string Metrics => _folder["textfile/rayray.prom"];

    private Task<RayrayProcess.Result> Scan(string database, params string[] more) =>
        RayrayProcess.RunAsync(["scan", Root, "--db", database, "--metrics-file", Metrics, "--quiet", .. more]);

    [Fact]
    public async Task A_scan_writes_every_metric_in_the_text_format_with_the_roots_escaped()
    {
        Directory.CreateDirectory(_folder["textfile"]);
        for (var i = 0; i < 3; i++)
            _folder.Write($"photos \"2024\" \\ best/{i}.jpg", TestImages.Jpeg(16, 16, new ExifSpec { Model = $"m{i}" }));
        _folder.Write("photos \"2024\" \\ best/cut.jpg", TestImages.Jpeg(64, 64)[..200]);
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 1000.0;

        var result = await Scan(_folder["rayray.db"]);

        Assert.Equal(3, result.ExitCode);
        var text = File.ReadAllText(Metrics);
        Assert.Contains("roots=\"" + Root.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"", text, StringComparison.Ordinal);
        var metrics = PrometheusExposition.Parse(text);
        Assert.All(metrics.Samples, s => Assert.Equal(Root, s.Labels["roots"]));
        Assert.Equal("gauge", metrics.Type["rayray_scan_last_success_timestamp_seconds"]);
        Assert.Equal("counter", metrics.Type["rayray_scan_bytes_read_total"]);
        Assert.InRange(metrics.Value("rayray_scan_last_success_timestamp_seconds"), before - 1, before + 120);
        Assert.Equal(metrics.Value("rayray_scan_last_run_timestamp_seconds"), metrics.Value("rayray_scan_last_success_timestamp_seconds"));
        Assert.True(metrics.Value("rayray_scan_duration_seconds") > 0);
        Assert.Equal(4, metrics.Value("rayray_scan_files", "new"));
        Assert.Equal(1, metrics.Value("rayray_scan_files", "invalid"));
        foreach (var outcome in new[] { "updated", "unchanged", "moved", "missing" })
            Assert.Equal(0, metrics.Value("rayray_scan_files", outcome));
        Assert.Equal(1, metrics.Value("rayray_scan_invalid_files"));
        Assert.True(metrics.Value("rayray_scan_bytes_read_total") > 0);
        Assert.Equal(4, metrics.Value("rayray_documents"));
        Assert.Equal(3, metrics.Value("rayray_scan_exit_code"));
        Assert.Equal(["rayray.prom"], Directory.GetFiles(_folder["textfile"]).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_failed_scan_keeps_the_last_success_and_records_its_own_run()
    {
        Directory.CreateDirectory(_folder["textfile"]);
        _folder.Write($"photos \"2024\" \\ best/one.jpg", TestImages.Jpeg(16, 16));
        Assert.Equal(0, (await Scan(_folder["rayray.db"])).ExitCode);
        var first = PrometheusExposition.Parse(File.ReadAllText(Metrics));
        await Task.Delay(1100);

        // A database that cannot be opened: a folder where the file should be.
        Directory.CreateDirectory(_folder["not-a-database"]);
        var failed = await Scan(_folder["not-a-database"]);

        Assert.Equal(1, failed.ExitCode);
        var second = PrometheusExposition.Parse(File.ReadAllText(Metrics));
        Assert.Equal(first.Value("rayray_scan_last_success_timestamp_seconds"), second.Value("rayray_scan_last_success_timestamp_seconds"));
        Assert.True(second.Value("rayray_scan_last_run_timestamp_seconds") > first.Value("rayray_scan_last_run_timestamp_seconds"));
        Assert.Equal(1, second.Value("rayray_scan_exit_code"));
        Assert.Equal(first.Value("rayray_scan_bytes_read_total"), second.Value("rayray_scan_bytes_read_total"));
        Assert.DoesNotContain(second.Samples, s => s.Name == "rayray_documents"); // nothing to count in a database that did not open

        // The next successful scan moves it again, and the bytes read add up.
        var again = await Scan(_folder["rayray.db"], "--force");
        Assert.Equal(0, again.ExitCode);
        var third = PrometheusExposition.Parse(File.ReadAllText(Metrics));
        Assert.True(third.Value("rayray_scan_last_success_timestamp_seconds") > first.Value("rayray_scan_last_success_timestamp_seconds"));
        Assert.Equal(2 * first.Value("rayray_scan_bytes_read_total"), third.Value("rayray_scan_bytes_read_total"));
    }
}
