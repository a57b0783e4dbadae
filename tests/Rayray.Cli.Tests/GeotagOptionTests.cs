using Rayray.Testing;

namespace Rayray.Cli.Tests;

/// <summary><c>rayray scan --geotag</c>: a track log that cannot be used stops the scan before it starts.</summary>
public sealed class GeotagOptionTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-cli-geotag");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_missing_track_log_is_a_usage_error_naming_the_file_before_the_database_is_opened()
    {
        _folder.Write("library/readme.md", "no photos");
        var missing = _folder["tracks/missing.gpx"];
        var database = _folder["db/rayray.db"];

        var result = await RayrayProcess.RunAsync(["scan", _folder["library"], "--db", database, "--geotag", missing]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"rayray: --geotag: {missing}: no such file or folder", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
        Assert.False(File.Exists(database));
    }
}
