using System.Text.Json;
using Microsoft.Data.Sqlite;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Cli.Tests;

/// <summary><c>rayray scan</c> as a process: exit codes, stdout kept for data, stderr for people and logs.</summary>
public sealed class ScanCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("rayray-cli");
    private RayrayWherePermissionsApply? _rayrayWherePermissionsApply;

    public void Dispose()
    {
        _rayrayWherePermissionsApply?.Dispose();
        _folder.Dispose();
    }

    private string Library => _folder["library"];
    private string Database => _folder["db/rayray.db"];

    private void AddPhotos(int count, string folder = "")
    {
        for (var i = 0; i < count; i++)
            _folder.Write($"library/{folder}{i:D4}.jpg", TestImages.Jpeg(32, 24, new ExifSpec { Model = $"camera {i}", DateTimeOriginal = "2024:05:01 12:00:00" }));
    }

    [Fact]
    public async Task Scan_of_an_intact_library_exits_0_and_prints_nothing_on_stdout()
    {
        AddPhotos(5);

        var result = await RayrayProcess.RunAsync(["scan", Library, "--db", Database]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("5 new, 0 updated, 0 unchanged, 0 invalid", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"database: {Database}", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', result.Stderr); // no progress line when stderr is not a terminal
    }

    [Fact]
    public async Task Scan_with_a_broken_file_exits_3_and_names_it()
    {
        AddPhotos(3);
        var whole = TestImages.Jpeg(300, 200);
        var broken = _folder.Write("library/broken.jpg", whole[..(whole.Length / 2)]);

        var result = await RayrayProcess.RunAsync(["scan", Library, "--db", Database]);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains("1 invalid", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{broken}: truncated", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"warning: Invalid: {broken}: truncated", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rescan_reports_the_files_as_unchanged()
    {
        AddPhotos(4);
        await RayrayProcess.RunAsync(["scan", Library, "--db", Database]);

        var again = await RayrayProcess.RunAsync(["scan", Library, "--db", Database]);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("0 files read", again.Stderr, StringComparison.Ordinal);
        Assert.Contains("0 new, 0 updated, 4 unchanged", again.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("scan")]
    [InlineData("scan", "--no-such-option")]
    [InlineData("scan", ".", "--workers", "0")]
    [InlineData("scan", ".", "--log-level", "chatty")]
    [InlineData("frobnicate")]
    public async Task A_wrong_command_line_is_a_usage_error(params string[] arguments)
    {
        var result = await RayrayProcess.RunAsync(arguments);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("rayray: ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task A_folder_that_does_not_exist_is_a_usage_error_naming_it()
    {
        var missing = _folder["no/such/folder"];

        var result = await RayrayProcess.RunAsync(["scan", missing, "--db", Database]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"no such file or folder: {missing}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_exits_1_naming_the_file()
    {
        AddPhotos(1);
        var notADatabase = _folder.Write("garbage.db", new string('x', 8192));

        var result = await RayrayProcess.RunAsync(["scan", Library, "--db", notADatabase]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(notADatabase, result.Stderr, StringComparison.Ordinal);
        Assert.Contains("not a rayray database or is damaged", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RAYRAY_DB_chooses_the_database_when_there_is_no_db_option()
    {
        AddPhotos(2);
        var fromEnvironment = _folder["env/chosen.db"];

        var result = await RayrayProcess.RunAsync(["scan", Library], new Dictionary<string, string> { ["RAYRAY_DB"] = fromEnvironment });

        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(fromEnvironment));
        Assert.Contains($"database: {fromEnvironment}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_logs_are_one_object_a_line_and_the_log_file_gets_them_too()
    {
        AddPhotos(2);
        var logFile = _folder["logs/rayray.log"];

        var result = await RayrayProcess.RunAsync(["scan", Library, "--db", Database, "--quiet", "--log-format", "json", "--log-level", "info", "--log-file", logFile]);

        Assert.Equal(0, result.ExitCode);
        Assert.NotEmpty(result.StderrLines);
        foreach (var line in result.StderrLines)
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("Level", out _), line);
        }
        Assert.Contains(result.StderrLines, l => l.Contains("Scan finished", StringComparison.Ordinal));
        var logged = File.ReadAllLines(logFile);
        Assert.Contains(logged, l => l.Contains("Scan finished", StringComparison.Ordinal));
        Assert.All(logged, l => JsonDocument.Parse(l).Dispose());
    }

    [Fact]
    public async Task Quiet_prints_nothing_when_all_is_well()
    {
        AddPhotos(2);

        var result = await RayrayProcess.RunAsync(["scan", Library, "--db", Database, "--quiet"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task Help_goes_to_stdout_and_exits_0()
    {
        var result = await RayrayProcess.RunAsync(["scan", "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--batch-size", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("--exclude", result.Stdout, StringComparison.Ordinal);
    }

    [FilePermissionFact]
    public async Task Files_it_may_not_read_are_invalid_and_the_scan_exits_3()
    {
        AddPhotos(2);
        var secret = _folder.Write("library/secret.jpg", TestImages.Jpeg(16, 16));
        var scan = ScanWherePermissionsApply();
        File.SetUnixFileMode(secret, UnixFileMode.None);

        var result = await scan();

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{secret}: permission denied", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("invalid", StatusOf(secret));
    }

    [FilePermissionFact]
    public async Task A_folder_it_may_not_list_is_reported_the_scan_exits_3_and_its_files_are_not_marked_missing()
    {
        AddPhotos(2);
        var inside = _folder.Write("library/closed/inside.jpg", TestImages.Jpeg(24, 16));
        var closed = _folder["library/closed"];
        var scan = ScanWherePermissionsApply();
        Assert.Equal(0, (await scan()).ExitCode);

        File.SetUnixFileMode(closed, UnixFileMode.None);
        var result = await scan();
        File.SetUnixFileMode(closed, (UnixFileMode)Convert.ToInt32("755", 8));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{closed}: permission denied", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("indexed", StatusOf(inside));
    }

    /// <summary>
    /// A scan of the library run by a user file permissions apply to (see <see cref="RayrayWherePermissionsApply"/>),
    /// after opening everything now in the folder to that user.
    /// </summary>
    private Func<Task<RayrayProcess.Result>> ScanWherePermissionsApply()
    {
        var arguments = new List<string> { "scan", Library, "--db", Database };
        var rayray = _rayrayWherePermissionsApply ??= new RayrayWherePermissionsApply();
        if (RayrayWherePermissionsApply.RunsAsNobody)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Database)!);
            foreach (var entry in new DirectoryInfo(_folder.Path).EnumerateFileSystemInfos("*", SearchOption.AllDirectories).Append(new DirectoryInfo(_folder.Path)))
                File.SetUnixFileMode(entry.FullName, (UnixFileMode)Convert.ToInt32("777", 8));
        }
        return () => rayray.RunAsync(arguments);
    }

    /// <summary>The status of the document a path leads to, read straight from the database file.</summary>
    private string? StatusOf(string path)
    {
        using var connection = new SqliteConnection($"Data Source={Database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT status FROM media_files m JOIN locations l ON l.file_rowid = m.rowid WHERE l.path = $path";
        command.Parameters.AddWithValue("$path", path);
        return command.ExecuteScalar() as string;
    }
}
