using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Cli.Tests;

/// <summary>A small scanned library for the read-command tests, made once.</summary>
public sealed class ScannedLibrary : IAsyncLifetime
{
    private readonly TempFolder _folder = new("rayray-read");

    public string Root => _folder["library"];
    public string Database => _folder["db/rayray.db"];
    public string Write(string relative, byte[] content) => _folder.Write("library/" + relative, content);

    public async Task InitializeAsync()
    {
        Write("a/canon.jpg", TestImages.Jpeg(64, 48, new ExifSpec { Make = "Canon", Model = "EOS R5", Iso = 3200, ImageDescription = "Golden hour", Latitude = 37.78, Longitude = -122.41 }));
        Write("a/nikon.jpg", TestImages.Jpeg(64, 48, new ExifSpec { Make = "NIKON", Iso = 100 }));
        var twin = TestImages.Jpeg(16, 16, new ExifSpec { Model = "twin" });
        Write("b/twin.jpg", twin);
        Write("b/twin copy.jpg", twin);
        Write("odd/with space.jpg", TestImages.Jpeg(8, 8, new ExifSpec { Model = "odd space" }));
        Write("odd/new\nline.jpg", TestImages.Jpeg(8, 8, new ExifSpec { Model = "odd newline" }));
        Write("odd/it's \"quoted\".jpg", TestImages.Jpeg(8, 8, new ExifSpec { Model = "odd quotes" }));
        var whole = TestImages.Jpeg(100, 100);
        Write("bad/cut.jpg", whole[..(whole.Length / 2)]);
        var scan = await RayrayProcess.RunAsync(["scan", Root, "--db", Database]);
        if (scan.ExitCode != 3)
            throw new InvalidOperationException($"scan exited {scan.ExitCode}: {scan.Stderr}");
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class ReadCommandTests(ScannedLibrary library) : IClassFixture<ScannedLibrary>
{
    private Task<RayrayProcess.Result> Rayray(params string[] arguments) => RayrayProcess.RunAsync([.. arguments, "--db", library.Database]);

    private async Task<(int ExitCode, string Stdout, string Stderr)> Shell(string pipeline)
    {
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-o");
        start.ArgumentList.Add("pipefail");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(pipeline);
        start.Environment["RAYRAY"] = $"dotnet {RayrayProcess.Dll}";
        start.Environment["DB"] = library.Database;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task In_a_pipe_query_prints_one_json_document_a_line()
    {
        var result = await Rayray("query", "kind:image");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Length); // the twins are one document
        foreach (var line in lines)
        {
            using var document = JsonDocument.Parse(line);
            Assert.Equal("image", document.RootElement.GetProperty("kind").GetString());
        }
    }

    [RequiresToolFact("jq")]
    public async Task Ndjson_feeds_jq()
    {
        var (exit, stdout, stderr) = await Shell("$RAYRAY query 'iso>=1000' --format ndjson --db \"$DB\" | jq -r '.camera.make + \" \" + (.camera.iso|tostring)'");

        Assert.True(exit == 0, stderr);
        Assert.Equal("Canon 3200\n", stdout);
    }

    [Fact]
    public async Task Json_is_one_array_and_fields_project()
    {
        var result = await Rayray("query", "make:Canon || make:NIKON", "--format", "json", "--fields", "file.name,camera.make,taken,path", "--sort", "make");

        using var array = JsonDocument.Parse(result.Stdout);
        var documents = array.RootElement.EnumerateArray().ToList();
        Assert.Equal(2, documents.Count);
        Assert.Equal("""{"file":{"name":"canon.jpg"},"camera":{"make":"Canon"},"locations":[{"path":"PATH"}]}""",
            documents[0].GetRawText().Replace(Path.Combine(library.Root, "a", "canon.jpg"), "PATH", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Paths_with_nul_separators_survive_xargs_with_spaces_quotes_and_newlines()
    {
        var (exit, stdout, stderr) = await Shell("$RAYRAY query 'camera.model:\"odd *\"' --format paths -0 --db \"$DB\" | xargs -0 sha256sum | wc -l");

        Assert.True(exit == 0, stderr);
        Assert.Equal("3", stdout.Trim());
        var raw = await Rayray("query", "camera.model:\"odd *\"", "--format", "paths", "-0");
        var paths = raw.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(Path.Combine(library.Root, "odd", "new\nline.jpg"), paths);
        Assert.All(paths, p => Assert.True(File.Exists(p), p));
    }

    [Fact]
    public async Task Paths_lists_every_copy()
    {
        var result = await Rayray("query", "copies>1", "--format", "paths");

        Assert.Equal([Path.Combine(library.Root, "b", "twin copy.jpg"), Path.Combine(library.Root, "b", "twin.jpg")],
            result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_bad_query_exits_2_and_points_at_the_column()
    {
        var result = await Rayray("query", "kind:image && iso>=");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal(["rayray: bad query: expected a value after 'iso>=' at column 20", "  kind:image && iso>=", "                     ^"], result.StderrLines);
    }

    [Fact]
    public async Task No_match_is_not_an_error()
    {
        var result = await Rayray("query", "make:Leica");
        var count = await Rayray("query", "make:Leica", "--count");

        Assert.Equal((0, ""), (result.ExitCode, result.Stdout));
        Assert.Equal("0\n", count.Stdout);
    }

    [Fact]
    public async Task Count_limit_and_skip()
    {
        Assert.Equal("7\n", (await Rayray("query", "--count")).Stdout);
        Assert.Equal(3, (await Rayray("query", "--limit", "3")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Single((await Rayray("query", "--skip", "6")).Stdout.Split("\n", StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task The_table_has_a_header_and_a_row_per_document()
    {
        var result = await Rayray("query", "has:gps", "--format", "table");

        var table = PrintedTable.Parse(result.Stdout);
        Assert.Equal(["_id", "kind", "taken", "make", "model", "size", "status", "path"], table.Header);
        var canon = Assert.Single(table.Rows);
        Assert.Equal(["image", "Canon", "EOS R5", "indexed", Path.Combine(library.Root, "a", "canon.jpg")], new[] { canon[1], canon[3], canon[4], canon[6], canon[7] });
        Assert.DoesNotContain('\e', result.Stdout); // no ANSI in a pipe
    }

    [Fact]
    public async Task Show_finds_a_document_by_path_id_and_hash()
    {
        var path = Path.Combine(library.Root, "a", "nikon.jpg");
        var hash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

        var byPath = await Rayray("show", path);
        using var document = JsonDocument.Parse(byPath.Stdout);
        var id = document.RootElement.GetProperty("_id").GetString()!;
        var byId = await Rayray("show", id);
        var byHash = await Rayray("show", hash);

        Assert.Equal(0, byPath.ExitCode);
        Assert.Equal(hash, document.RootElement.GetProperty("file").GetProperty("hash").GetString());
        Assert.Equal(byPath.Stdout, byId.Stdout);
        Assert.Equal(byPath.Stdout, byHash.Stdout);
        Assert.Contains("\n  \"file\": {", byPath.Stdout, StringComparison.Ordinal); // indented for people
    }

    [Fact]
    public async Task Show_of_an_unknown_file_exits_1()
    {
        var result = await Rayray("show", "/no/such/file.jpg");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no document for '/no/such/file.jpg'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_count_statuses_gps_and_the_space_duplicates_waste()
    {
        var result = await Rayray("stats", "--format", "json", "--by", "camera");

        using var stats = JsonDocument.Parse(result.Stdout);
        var root = stats.RootElement;
        Assert.Equal(7, root.GetProperty("documents").GetInt64());
        Assert.Equal(8, root.GetProperty("locations").GetInt64());
        Assert.Equal(1, root.GetProperty("invalid").GetInt64());
        Assert.Equal(1, root.GetProperty("withGps").GetInt64());
        Assert.Equal(1, root.GetProperty("duplicateGroups").GetInt64());
        Assert.Equal(new FileInfo(Path.Combine(library.Root, "b", "twin.jpg")).Length, root.GetProperty("wastedBytes").GetInt64());
        var groups = root.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("key").GetString()!, g => g.GetProperty("documents").GetInt64());
        Assert.Equal(1, groups["Canon EOS R5"]);
        Assert.Equal(1, groups["NIKON"]);
    }

    [Fact]
    public async Task Stats_as_a_table_for_people()
    {
        var result = await Rayray("stats", "--format", "table", "--by", "ext");

        Assert.StartsWith("documents   7 (6 indexed, 1 invalid, 0 missing)", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("duplicates  1 files have 1 extra copies", result.Stdout, StringComparison.Ordinal);
        var table = PrintedTable.Parse(result.Stdout);
        Assert.Equal(["ext", "documents", "MB"], table.Header);
        Assert.Equal("7", Assert.Single(table.Rows, r => r[0] == "jpg")[1]);
    }
}
