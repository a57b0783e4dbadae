using System.Text.Json;

namespace Rayray.Cli.Tests;

/// <summary><c>--format csv</c> of query, stats and history, read back with the CSV library it is written with.</summary>
public sealed class CsvOutputTests(OutputLibrary library) : IClassFixture<OutputLibrary>
{
    private static List<JsonElement> Lines(string ndjson) =>
        [.. ndjson.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];

    [Fact]
    public async Task Query_csv_read_back_equals_the_ndjson_output_field_by_field()
    {
        string[] fields = ["file.path", "description", "tags", "locations.path", "camera.model", "dimensions.width", "timestamps.taken", "file.size", "location.coordinates"];

        var csv = await library.Rayray("query", "--format", "csv", "--fields", string.Join(',', fields));
        var ndjson = await library.Rayray("query", "--format", "ndjson");

        Assert.Equal(0, csv.ExitCode);
        var (header, rows) = CsvText.Parse(csv.Stdout);
        Assert.Equal(fields, header);
        var documents = Lines(ndjson.Stdout);
        Assert.Equal(documents.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            for (var c = 0; c < fields.Length; c++)
                Assert.Equal(CsvText.Cell(documents[i], fields[c]), rows[i][c]);
        }
        // The hard cases are in there, whole.
        Assert.Contains(rows, r => r[1] == OutputLibrary.Description && r[2] == "alpha;beta, gamma;quote\"d");
        Assert.Contains(rows, r => r[3].Split(';').Order(StringComparer.Ordinal).SequenceEqual([$"{library.Root}/b/twin \"two\".jpg", $"{library.Root}/b/twin, one.jpg"]));
    }

    [Fact]
    public async Task Query_csv_is_rfc_4180_with_crlf_records_and_quoted_fields()
    {
        var csv = await library.Rayray("query", "make:\"Phase One\"", "--format", "csv", "--fields", "camera.model,description");

        Assert.Equal("camera.model,description\r\nP 45+,\"Lisbon, \"\"old town\"\"\n<harbour> & it's\"\r\n", csv.Stdout);
    }

    [Fact]
    public async Task Without_fields_the_csv_has_the_documented_default_columns()
    {
        var csv = await library.Rayray("query", "--format", "csv", "--limit", "1");

        Assert.Equal(
            ["_id", "file.path", "file.name", "file.size", "file.mimeType", "kind", "status", "timestamps.taken", "timestamps.takenUtc",
             "camera.make", "camera.model", "camera.lens", "dimensions.width", "dimensions.height", "dimensions.duration",
             "location.coordinates", "place.city", "place.country", "tags", "file.hash"],
            CsvText.Parse(csv.Stdout).Header);
    }

    [Fact]
    public async Task Fields_keep_their_order_and_an_object_gives_every_field_it_has()
    {
        var csv = await library.Rayray("query", "make:\"Phase One\"", "--format", "csv", "--fields", "taken,camera,name");
        var json = await library.Rayray("query", "make:\"Phase One\"", "--format", "ndjson", "--fields", "camera,taken");

        var (header, rows) = CsvText.Parse(csv.Stdout);
        Assert.Equal(
            ["timestamps.taken", "camera.make", "camera.model", "camera.lens", "camera.software", "camera.exposure",
             "camera.aperture", "camera.iso", "camera.focalLength", "file.name"],
            header);
        Assert.Equal(["2021-05-01T10:00:00", "Phase One", "P 45+", "", "", "", "", "", "", "phase.jpg"], Assert.Single(rows));
        // The whole camera, not camera.model (what camera:X means in a query).
        Assert.Equal("""{"camera":{"make":"Phase One","model":"P 45+"},"timestamps":{"taken":"2021-05-01T10:00:00"}}""", json.Stdout.Trim());
    }

    [Fact]
    public async Task Stats_csv_is_one_row_of_totals_or_one_row_a_group()
    {
        var totalsCsv = await library.Rayray("stats", "--format", "csv");
        var totalsJson = await library.Rayray("stats", "--format", "json");
        var yearsCsv = await library.Rayray("stats", "--by", "year", "--format", "csv");
        var yearsJson = await library.Rayray("stats", "--by", "year", "--format", "json");

        var (header, rows) = CsvText.Parse(totalsCsv.Stdout);
        var totals = JsonDocument.Parse(totalsJson.Stdout).RootElement;
        var row = Assert.Single(rows);
        for (var c = 0; c < header.Length; c++)
        {
            var expected = CsvText.Cell(totals, header[c]);
            Assert.Equal(expected.Length == 0 ? "0" : expected, row[c]); // a kind without documents is 0 in CSV
        }
        Assert.Equal("5", row[Array.IndexOf(header, "documents")]);

        var (groupHeader, groupRows) = CsvText.Parse(yearsCsv.Stdout);
        Assert.Equal(["key", "documents", "bytes"], groupHeader);
        var groups = JsonDocument.Parse(yearsJson.Stdout).RootElement.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(groups.Count, groupRows.Count);
        for (var i = 0; i < groups.Count; i++)
            Assert.Equal([.. groupHeader.Select(h => CsvText.Cell(groups[i], h))], groupRows[i]);
        Assert.Equal("2", groupRows.Single(r => r[0] == "2023")[1]);
    }

    [Fact]
    public async Task History_csv_is_one_row_a_scan_with_the_fields_of_its_json()
    {
        var csv = await library.Rayray("history", "--format", "csv");
        var ndjson = await library.Rayray("history", "--format", "ndjson");

        var (header, rows) = CsvText.Parse(csv.Stdout);
        Assert.Equal(["id", "roots", "started", "ended", "status", "host", "pid", "seen", "new", "changed", "moved", "copied", "missing", "invalid", "bytesRead", "error"], header);
        var runs = Lines(ndjson.Stdout);
        Assert.Equal(2, rows.Count);
        for (var i = 0; i < runs.Count; i++)
            Assert.Equal([.. header.Select(h => CsvText.Cell(runs[i], h))], rows[i]);
        Assert.All(rows, r => Assert.Equal("completed", r[4]));
    }
}
