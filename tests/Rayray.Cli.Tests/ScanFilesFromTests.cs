using System.Diagnostics;
using System.Text;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Cli.Tests;

/// <summary><c>rayray scan --files-from</c> as a process: lists from a file or standard input, by lines or NULs.</summary>
public sealed class ScanFilesFromTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-cli-list");

    public void Dispose() => _folder.Dispose();

    private string Database => _folder["db/rayray.db"];

    private string Photo(string relative, string model) =>
        _folder.Write($"library/{relative}", TestImages.Jpeg(32, 24, new ExifSpec { Model = model }));

    private List<string> IndexedPaths() => ScanUrlTests.Paths(Database);

    /// <summary>Runs rayray with <paramref name="stdin"/> on its standard input, in <paramref name="workingDirectory"/>.</summary>
    private static async Task<RayrayProcess.Result> RunAsync(IEnumerable<string> arguments, byte[]? stdin = null, string? workingDirectory = null)
    {
        var start = RayrayProcess.StartInfo(arguments);
        if (workingDirectory is not null)
            start.WorkingDirectory = workingDirectory;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
            await process.StandardInput.BaseStream.WriteAsync(stdin);
        process.StandardInput.Close();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(cancel.Token);
        return new RayrayProcess.Result(process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task A_find_print0_list_on_standard_input_indexes_names_with_spaces_and_newlines()
    {
        Photo("trip/day one.jpg", "1");
        Photo("trip/two\nlines.jpg", "2");
        Photo("trip/tab\there.jpg", "3");
        Photo("elsewhere/not listed.jpg", "4");
        _folder.Write("library/trip/notes.txt", "not media");
        // What `find . -print0` prints in library/trip: the folder itself, then every name.
        var list = string.Join('\0', ".", "./day one.jpg", "./two\nlines.jpg", "./tab\there.jpg", "./notes.txt") + "\0";

        var result = await RunAsync(["scan", "--files-from", "-", "--null", "--db", Database], Encoding.UTF8.GetBytes(list), _folder["library/trip"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal([_folder["library/trip/day one.jpg"], _folder["library/trip/tab\there.jpg"], _folder["library/trip/two\nlines.jpg"]], IndexedPaths());
        Assert.Contains("3 new, 0 updated, 0 unchanged, 0 invalid", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_file_takes_relative_paths_skips_blank_lines_and_combines_with_a_folder()
    {
        Photo("listed/a b.jpg", "a");
        Photo("listed/c.jpg", "c");
        Photo("listed/skipped.jpg", "s");
        Photo("walked/w.jpg", "w");
        var list = _folder.Write("list.txt", "listed/a b.jpg\r\n\n   \nlisted/c.jpg\n");

        var result = await RunAsync(["scan", _folder["library/walked"], "--files-from", list, "--db", Database], workingDirectory: _folder["library"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal([_folder["library/listed/a b.jpg"], _folder["library/listed/c.jpg"], _folder["library/walked/w.jpg"]], IndexedPaths());
    }

    [Fact]
    public async Task A_listed_file_that_does_not_exist_exits_3_and_files_not_listed_are_left_alone()
    {
        var kept = Photo("kept.jpg", "kept");
        var deleted = Photo("deleted later.jpg", "deleted");
        Assert.Equal(0, (await RunAsync(["scan", _folder["library"], "--db", Database])).ExitCode);
        File.Delete(deleted);
        var missing = _folder["library/never there.jpg"];

        var result = await RunAsync(["scan", "--files-from", "-", "--db", Database], Encoding.UTF8.GetBytes($"{kept}\n{missing}\n"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{missing}: no such file", result.Stderr, StringComparison.Ordinal);
        Assert.Equal([deleted, kept], IndexedPaths());
    }

    [Fact]
    public async Task Null_without_a_list_and_a_scan_of_nothing_are_usage_errors()
    {
        var withoutList = await RunAsync(["scan", _folder.Path, "--null", "--db", Database]);
        var nothing = await RunAsync(["scan", "--db", Database]);

        Assert.Equal((2, 2), (withoutList.ExitCode, nothing.ExitCode));
        Assert.Contains("--null needs --files-from", withoutList.Stderr, StringComparison.Ordinal);
    }
}
