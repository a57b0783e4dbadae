using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Cli.Tests;

/// <summary>
/// A small library scanned twice (two runs in the history) for the output-format tests: text with
/// commas, quotes, line breaks, '+', '&lt;' and apostrophes, keywords, a file with two paths.
/// </summary>
public sealed class OutputLibrary : IAsyncLifetime
{
    public const string Description = "Lisbon, \"old town\"\n<harbour> & it's";
    private readonly TempFolder _folder = new("rayray-output");

    public string Root => _folder["library"];
    public string Database => _folder["db/rayray.db"];

    public async Task InitializeAsync()
    {
        _folder.Write("library/a/phase.jpg", TestImages.Jpeg(64, 48,
            new ExifSpec { Make = "Phase One", Model = "P 45+", ImageDescription = Description, DateTimeOriginal = "2021:05:01 10:00:00" },
            iptcKeywords: ["alpha", "beta, gamma", "quote\"d"]));
        _folder.Write("library/a/canon.jpg", TestImages.Jpeg(64, 48,
            new ExifSpec { Make = "Canon", Model = "Canon EOS R5", Iso = 3200, DateTimeOriginal = "2023:01:02 03:04:05", Latitude = 38.7, Longitude = -9.1 }));
        _folder.Write("library/a/canon2.jpg", TestImages.Jpeg(32, 32,
            new ExifSpec { Make = "Canon", Model = "Canon EOS R5", DateTimeOriginal = "2023:06:07 08:09:10" }));
        var twin = TestImages.Jpeg(16, 16, new ExifSpec { Model = "twin", DateTimeOriginal = "2022:02:02 02:02:02" });
        _folder.Write("library/b/twin, one.jpg", twin);
        _folder.Write("library/b/twin \"two\".jpg", twin);
        _folder.Write("library/c/plain.jpg", TestImages.Jpeg(8, 8));
        foreach (var _ in new[] { 1, 2 })
        {
            var scan = await RayrayProcess.RunAsync(["scan", Root, "--db", Database]);
            if (scan.ExitCode != 0)
                throw new InvalidOperationException($"scan exited {scan.ExitCode}: {scan.Stderr}");
        }
    }

    internal Task<RayrayProcess.Result> Rayray(params string[] arguments) => RayrayProcess.RunAsync([.. arguments, "--db", Database]);

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
