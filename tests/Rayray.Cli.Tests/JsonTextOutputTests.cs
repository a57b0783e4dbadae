using System.Text;
using System.Text.Json;
using Rayray.Testing;
using Rayray.Testing.Fixtures;

namespace Rayray.Cli.Tests;

/// <summary>JSON output keeps text as it is: "P 45+", not "P 45\u002B".</summary>
public sealed class JsonTextOutputTests(OutputLibrary library) : IClassFixture<OutputLibrary>
{
    private static void AssertLiteral(string json)
    {
        Assert.Contains("P 45+", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u002B", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u003C", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0027", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ndjson")]
    [InlineData("json")]
    public async Task Query_json_keeps_plus_less_than_and_apostrophe_and_escapes_line_breaks(string format)
    {
        var result = await library.Rayray("query", "make:\"Phase One\"", "--format", format);

        AssertLiteral(result.Stdout);
        Assert.Contains("\"description\":\"Lisbon, \\\"old town\\\"\\n<harbour> & it's\"", result.Stdout, StringComparison.Ordinal);
        string[] documents = format == "json" ? [result.Stdout] : result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(documents, d => JsonDocument.Parse(d).Dispose());
    }

    [Fact]
    public async Task Query_with_fields_show_and_stats_keep_text_as_it_is()
    {
        var fields = await library.Rayray("query", "make:\"Phase One\"", "--format", "ndjson", "--fields", "camera,description");
        var show = await library.Rayray("show", Path.Combine(library.Root, "a", "phase.jpg"));
        var stats = await library.Rayray("stats", "--by", "camera", "--format", "json");

        AssertLiteral(fields.Stdout);
        Assert.Contains("<harbour> & it's", fields.Stdout, StringComparison.Ordinal);
        AssertLiteral(show.Stdout);
        Assert.Contains("<harbour> & it's", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"key\":\"Phase One P 45+\"", stats.Stdout, StringComparison.Ordinal);
        foreach (var output in new[] { fields.Stdout, show.Stdout, stats.Stdout })
        {
            // Valid JSON, valid UTF-8.
            using var _ = JsonDocument.Parse(Encoding.UTF8.GetBytes(output.Trim()));
        }
    }

    [Fact]
    public async Task A_database_written_with_escapes_prints_its_text_as_it_is()
    {
        using var folder = new TempFolder("rayray-escapes");
        folder.Write("library/old.jpg", TestImages.Jpeg(8, 8, new ExifSpec { Make = "Phase One", Model = "P 45+", ImageDescription = "café <b>" }));
        var database = folder["rayray.db"];
        Assert.Equal(0, (await RayrayProcess.RunAsync(["scan", folder["library"], "--db", database])).ExitCode);
        // What an older rayray wrote: JavaScriptEncoder.Default's escapes.
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """UPDATE media_bodies SET body = replace(replace(replace(body, '+', '\u002B'), 'é', '\u00E9'), '<', '\u003C')""";
            Assert.Equal(1, command.ExecuteNonQuery());
        }

        var result = await RayrayProcess.RunAsync(["query", "--format", "ndjson", "--db", database]);

        Assert.Contains("\"model\":\"P 45+\"", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"description\":\"café <b>\"", result.Stdout, StringComparison.Ordinal);
    }
}
