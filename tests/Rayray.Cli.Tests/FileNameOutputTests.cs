using System.Diagnostics;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Cli.Tests;

/// <summary>Names that are not UTF-8 or hold newlines: printed as their bytes for xargs, escaped for people.</summary>
public sealed class FileNameOutputTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-name-output");

    public void Dispose() => _folder.Dispose();

    private string Database => _folder["rayray.db"];

    [UnixFact]
    public async Task Paths_print_the_bytes_on_disk_while_tables_and_logs_escape_them()
    {
        _folder.Write("library/plain.jpg", TestImages.Jpeg(16, 16));
        var source = _folder.Write("source.jpg", TestImages.Jpeg(16, 16, new ExifSpec { Model = "latin-1" }));
        var newlineSource = _folder.Write("source2.jpg", TestImages.Jpeg(16, 16, new ExifSpec { Model = "newline" }));
        ExternalTool.Run("sh", "-c", "mv \"$1\" \"$3/$(printf 'caf\\351.jpg')\" && mv \"$2\" \"$3/$(printf 'two\\nlines.jpg')\"", "sh", source, newlineSource, _folder["library"]);

        var scan = await RayrayProcess.RunAsync(["scan", _folder["library"], "--db", Database, "--log-level", "trace"]);
        var paths = await RawStdoutAsync(["query", "--db", Database, "--format", "paths", "-0", "--sort", "file.name"]);
        var table = await RayrayProcess.RunAsync(["query", "--db", Database, "--format", "table", "--fields", "file.name", "--sort", "file.name"]);

        Assert.Equal(0, scan.ExitCode);
        var names = SplitOnNul(paths).Select(p => p[(p.AsSpan().LastIndexOf((byte)'/') + 1)..]).ToList();
        Assert.Equal([[.. "caf"u8, 0xE9, .. ".jpg"u8], "plain.jpg"u8.ToArray(), [.. "two\nlines.jpg"u8]], names);
        Assert.Contains(@"caf\xE9.jpg", table.Stdout, StringComparison.Ordinal);
        Assert.Contains(@"two\x0alines.jpg", table.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("two\nlines", scan.Stderr, StringComparison.Ordinal);
        Assert.Contains(@"two\x0alines.jpg", scan.Stderr, StringComparison.Ordinal);
        Assert.Contains(@"caf\xE9.jpg", scan.Stderr, StringComparison.Ordinal);

        // and xargs -0 reaches every file by those bytes
        var listed = ExternalTool.Run("sh", "-c", "\"$@\" | xargs -0 stat -c x | wc -l", "sh", "dotnet", RayrayProcess.Dll, "query", "--db", Database, "--format", "paths", "-0");
        Assert.Equal("3", listed.Trim());
    }

    [Fact]
    public async Task In_a_pipe_a_table_keeps_long_paths_whole_on_one_line()
    {
        var deep = string.Join('/', Enumerable.Range(0, 12).Select(i => $"folder-{i:D2}-with-a-long-name"));
        var photo = _folder.Write($"library/{deep}/a photo whose name alone is longer than most terminals are wide.jpg", TestImages.Jpeg(16, 16));
        await RayrayProcess.RunAsync(["scan", _folder["library"], "--db", Database, "--quiet"]);

        var result = await RayrayProcess.RunAsync(["query", "--db", Database, "--format", "table"]);

        var table = PrintedTable.Parse(result.Stdout);
        Assert.Equal(photo, Assert.Single(table.Rows)[^1]);
        Assert.Equal(5, result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // border, header, rule, the row, border
    }

    private static List<byte[]> SplitOnNul(byte[] bytes)
    {
        var parts = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != 0)
                continue;
            parts.Add(bytes[start..i]);
            start = i + 1;
        }
        return parts;
    }

    private static async Task<byte[]> RawStdoutAsync(IEnumerable<string> arguments)
    {
        var start = RayrayProcess.StartInfo(arguments);
        start.StandardOutputEncoding = null;
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        using var bytes = new MemoryStream();
        await process.StandardOutput.BaseStream.CopyToAsync(bytes);
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await stderr);
        return bytes.ToArray();
    }
}
