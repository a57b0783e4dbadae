using System.Text;
using Microsoft.Data.Sqlite;
using Rayray.Testing;
using Rayray.Testing.Fixtures;
using Rayray.Testing.Web;

namespace Rayray.Cli.Tests;

/// <summary><c>rayray scan https://…</c> as a process, against a server on loopback.</summary>
public sealed class ScanUrlTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-cli-url");
    private readonly LoopbackWebServer _server = new();

    public void Dispose()
    {
        _server.Dispose();
        _folder.Dispose();
    }

    private string Database => _folder["db/rayray.db"];

    private static byte[] Jpeg(string model) => TestImages.Jpeg(32, 24, new ExifSpec { Make = "Canon", Model = model });

    /// <summary>The paths of every location in the database, in byte order.</summary>
    internal static List<string> Paths(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT path FROM locations ORDER BY path";
        using var reader = command.ExecuteReader();
        var paths = new List<string>();
        while (reader.Read())
            paths.Add(reader.GetString(0));
        return paths;
    }

    [Fact]
    public async Task A_url_is_indexed_under_its_url_and_shown_by_it()
    {
        _server.Serve("/album/IMG_1.jpg", Jpeg("EOS R6"));
        var url = _server.Url("/album/IMG_1.jpg");

        var scan = await RayrayProcess.RunAsync(["scan", url, "--db", Database]);
        var show = await RayrayProcess.RunAsync(["show", url, "--db", Database]);

        Assert.True(scan.ExitCode == 0, scan.Stderr);
        Assert.Equal([url], Paths(Database));
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("\"EOS R6\"", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"etag\": \"\\\"v1\\\"\"", show.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_the_server_does_not_have_exits_3_with_the_status_in_the_summary()
    {
        _server.Serve("/album/here.jpg", Jpeg("here"));
        var missing = _server.Url("/album/missing.jpg");

        var result = await RayrayProcess.RunAsync(["scan", _server.Url("/album/here.jpg"), missing, "--db", Database]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{missing}: HTTP 404 Not Found", result.Stderr, StringComparison.Ordinal);
        Assert.Equal([_server.Url("/album/here.jpg")], Paths(Database));
    }

    [Fact]
    public async Task The_password_in_a_url_shows_nowhere_whether_the_server_takes_it_or_not()
    {
        const string password = "Pw-2207-hunter2";
        const string refused = "Wr0ng-Pw-3318";
        _server.Serve("/private/a.jpg", Jpeg("private"), basic: $"alice:{password}");
        _server.Serve("/private/b.jpg", Jpeg("refused"), basic: $"alice:{password}");
        var list = _folder.Write("list.txt", _server.Url("/private/b.jpg", $"alice:{refused}") + "\n");
        var log = _folder["rayray.log"];

        var result = await RayrayProcess.RunAsync(
            ["scan", _server.Url("/private/a.jpg", $"alice:{password}"), "--files-from", list, "--db", Database, "--log-file", log, "--log-level", "debug"]);
        var history = await RayrayProcess.RunAsync(["history", "--db", Database]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{_server.Url("/private/b.jpg")}: HTTP 401 Unauthorized", result.Stderr, StringComparison.Ordinal);
        Assert.Equal([_server.Url("/private/a.jpg")], Paths(Database));
        var outputs = new List<(string Where, string Text)>
        {
            ("stdout", result.Stdout), ("stderr", result.Stderr), ("log file", await File.ReadAllTextAsync(log)),
            ("history", history.Stdout + history.Stderr),
        };
        foreach (var file in Directory.GetFiles(_folder["db"]))
            outputs.Add((file, Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file))));
        foreach (var (where, text) in outputs)
        {
            foreach (var secret in new[] { password, refused, "alice:" })
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{secret} shows in {where}:\n{text}");
        }
    }

    [Fact]
    public async Task The_http_options_are_checked()
    {
        var result = await RayrayProcess.RunAsync(["scan", _server.Url("/a.jpg"), "--http-timeout", "0", "--http-per-host", "0", "--db", Database]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--http-timeout must be between 1 and 3600", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--http-per-host must be between 1 and 64", result.Stderr, StringComparison.Ordinal);
    }
}
