using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Rayray.Cli.Output;
using Rayray.Cli.Terminal;
using Rayray.Core.Common;
using Rayray.Core.Storage;

namespace Rayray.Cli.Commands;

/// <summary><c>rayray history</c>: the scan runs, most recent first.</summary>
internal sealed class HistoryCommand(GlobalOptions global)
{
    private readonly Option<int> _limit = new("--limit")
    {
        Description = "How many runs to show",
        HelpName = "N",
        DefaultValueFactory = _ => 20,
    };

    private readonly Option<string?> _format = OutputFormat.Option("table", "json", "ndjson", "csv");

    public Command Build()
    {
        var command = new Command("history", "Show the scan runs: when, how they ended, and what they found");
        command.Options.Add(_limit);
        command.Options.Add(_format);
        command.SetAction((result, _) => CommandContext.RunAsync(result, global, RunAsync));
        return command;
    }

    private async Task<int> RunAsync(CommandContext context)
    {
        await using var store = await context.OpenStoreAsync(CancellationToken.None);
        var runs = await store.GetRunsAsync(Math.Max(1, context.ParseResult.GetValue(_limit)), CancellationToken.None);
        var output = Console.Out;
        switch (OutputFormat.Resolve(context.ParseResult, _format))
        {
            case "json":
                await output.WriteLineAsync(JsonSerializer.Serialize(runs.Select(Json).ToArray(), CliJson.Output.RunArray));
                break;
            case "ndjson":
                foreach (var run in runs)
                    await output.WriteLineAsync(JsonSerializer.Serialize(Json(run), CliJson.Output.RunJson));
                break;
            case "csv":
                await using (var stdout = CsvOutput.Stdout())
                    WriteCsv(stdout, runs);
                break;
            default:
                var table = new OutputTable("id", "started (UTC)", "took", "status", "seen", "new", "changed", "moved", "copied", "missing", "invalid", "MB read", "roots");
                foreach (var run in runs)
                {
                    table.Add(
                        run.Id.ToString(CultureInfo.InvariantCulture),
                        run.StartedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                        run.EndedUtc is { } ended ? DurationText.Format(ended - run.StartedUtc) : "",
                        ScanRun.StatusName(run.Status),
                        Number(run.Seen), Number(run.New), Number(run.Changed), Number(run.Moved), Number(run.Copied),
                        Number(run.Missing), Number(run.Invalid),
                        (run.BytesRead / 1e6).ToString("N1", CultureInfo.InvariantCulture),
                        string.Join(", ", run.Roots));
                }
                table.Write(output);
                break;
        }
        return ExitCodes.Success;
    }

    /// <summary>One row a run, its columns the fields of the JSON form (roots joined with ';').</summary>
    private static void WriteCsv(TextWriter stdout, IEnumerable<ScanRun> runs)
    {
        var columns = CliJson.Output.RunJson.Properties.Select(p => p.Name).ToArray();
        using var csv = new CsvOutput(stdout, columns);
        foreach (var run in runs)
        {
            using var json = JsonSerializer.SerializeToDocument(Json(run), CliJson.Output.RunJson);
            csv.Add([.. columns.Select(c => FlatValues.Cell(json.RootElement, c))]);
        }
    }

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static RunJson Json(ScanRun run) => new(
        run.Id, run.Roots, run.StartedUtc, run.EndedUtc, ScanRun.StatusName(run.Status), run.Host, run.ProcessId,
        run.Seen, run.New, run.Changed, run.Moved, run.Copied, run.Missing, run.Invalid, run.BytesRead, run.Error);
}

/// <summary>A scan run as <c>rayray history</c> prints it in JSON.</summary>
internal sealed record RunJson(
    long Id, IReadOnlyList<string> Roots, DateTime Started, DateTime? Ended, string Status, string? Host, int? Pid,
    long Seen, long New, long Changed, long Moved, long Copied, long Missing, long Invalid, long BytesRead, string? Error);
