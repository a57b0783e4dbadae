using System.Text.Json;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Cli.Tests;

/// <summary><c>similar:</c> and the near-duplicates of <c>stats</c> through the binary, over pictures the suite draws.</summary>
public sealed class NearDuplicateCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-similar");

    private string Library => _folder["library"];

    public NearDuplicateCommandTests()
    {
        using var scene = DrawnPhotos.Scene(1200, 800);
        using var half = DrawnPhotos.Resized(scene, 600, 400);
        using var other = DrawnPhotos.Scene(1200, 800, seed: 7);
        _folder.Write("library/original.jpg", DrawnPhotos.Jpeg(scene, 92));
        _folder.Write("library/exports/half.jpg", DrawnPhotos.Jpeg(half, 50));
        _folder.Write("library/other.jpg", DrawnPhotos.Jpeg(other, 92));
    }

    [Fact]
    public async Task Similar_lists_the_recompressed_copy_and_stats_count_one_group_apart_from_copies()
    {
        var database = _folder["db/rayray.db"];
        Assert.Equal(0, (await RayrayProcess.RunAsync(["scan", Library, "--db", database])).ExitCode);

        var similar = await RayrayProcess.RunAsync(["query", $"similar:{Path.Combine(Library, "original.jpg")}", "--format", "paths", "--db", database]);
        var stats = await RayrayProcess.RunAsync(["stats", "--format", "json", "--db", database]);

        Assert.Equal(0, similar.ExitCode);
        Assert.Equal(Path.Combine(Library, "exports", "half.jpg") + "\n", similar.Stdout);
        using var json = JsonDocument.Parse(stats.Stdout);
        Assert.Equal(1, json.RootElement.GetProperty("nearDuplicateGroups").GetInt64());
        Assert.Equal(2, json.RootElement.GetProperty("nearDuplicateImages").GetInt64());
        Assert.Equal(0, json.RootElement.GetProperty("duplicateGroups").GetInt64());
    }

    [Fact]
    public async Task Without_perceptual_hashes_similar_says_why_it_cannot_answer()
    {
        var database = _folder["db/off.db"];
        Assert.Equal(0, (await RayrayProcess.RunAsync(["scan", Library, "--no-perceptual-hash", "--db", database])).ExitCode);

        var similar = await RayrayProcess.RunAsync(["query", $"similar:{Path.Combine(Library, "original.jpg")},8", "--db", database]);

        Assert.Equal(2, similar.ExitCode);
        Assert.Contains("original.jpg has no perceptual hash", similar.Stderr);
        Assert.Contains("at column 9", similar.Stderr);
    }

    public void Dispose() => _folder.Dispose();
}
