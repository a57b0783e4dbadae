using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Rayray.Cli.Output;
using Rayray.Cli.Terminal;
using Rayray.Core.Storage;

namespace Rayray.Cli.Commands;

/// <summary><c>rayray stats</c>: counts and sizes, GPS coverage, invalid and missing, duplicates; optionally per group.</summary>
internal sealed class StatsCommand(GlobalOptions global)
{
    private readonly Option<string?> _by = new("--by")
    {
        Description = "Also count per kind, camera, lens, year, month, author, ext, country, city or person",
        HelpName = "GROUP",
    };

    private readonly Option<string?> _format = OutputFormat.Option("table", "json", "csv");

    public Command Build()
    {
        _by.AcceptOnlyFromAmong("kind", "camera", "lens", "year", "month", "author", "ext", "country", "city", "person");
        var command = new Command("stats", "Counts and sizes, GPS coverage, invalid and missing files, duplicates and the space they waste");
        command.Options.Add(_by);
        command.Options.Add(_format);
        command.SetAction((result, _) => CommandContext.RunAsync(result, global, RunAsync));
        return command;
    }

    private async Task<int> RunAsync(CommandContext context)
    {
        var by = context.ParseResult.GetValue(_by) is { } name ? Enum.Parse<StatsGrouping>(name, ignoreCase: true) : (StatsGrouping?)null;
        await using var store = await context.OpenStoreAsync(CancellationToken.None);
        var stats = await store.GetStatsAsync(by, CancellationToken.None);
        var format = context.ParseResult.GetValue(_format) ?? (Console.IsOutputRedirected ? "json" : "table");
        switch (format)
        {
            case "json":
                Console.Out.Write(Json(stats, by) + "\n");
                break;
            case "csv":
                await using (var stdout = CsvOutput.Stdout())
                    WriteCsv(stdout, stats, by);
                break;
            default:
                Console.Out.Write(Summary(stats));
                if (by is not null)
                {
                    Console.Out.Write('\n');
                    GroupTable(stats, by.Value).Write(Console.Out);
                }
                if (!Console.IsOutputRedirected)
                    await StatsCharts.WriteAsync(Console.Out, store, stats, by);
                break;
        }
        return ExitCodes.Success;
    }

    /// <summary>One row: the totals, or with --by one row a group.</summary>
    private static void WriteCsv(TextWriter stdout, MediaStats stats, StatsGrouping? by)
    {
        if (by is not null)
        {
            using var groups = new CsvOutput(stdout, ["key", "documents", "bytes"]);
            foreach (var group in stats.Groups)
                groups.Add([group.Key, Invariant(group.Documents), Invariant(group.Bytes)]);
            return;
        }
        string[] kinds = ["image", "video", "audio", "other"];
        using var totals = new CsvOutput(stdout, [
            "documents", "bytes", "locations", "locationBytes", "indexed", "invalid", "missing", "withGps",
            "duplicateGroups", "duplicateCopies", "wastedBytes", "stacks", "stackedFiles", "nearDuplicateGroups", "nearDuplicateImages", .. kinds.Select(k => "byKind." + k)]);
        totals.Add([
            .. new[] { stats.Documents, stats.Bytes, stats.Locations, stats.LocationBytes, stats.Indexed, stats.Invalid, stats.Missing, stats.WithGps,
                stats.DuplicateGroups, stats.DuplicateCopies, stats.WastedBytes, stats.Stacks, stats.StackedFiles, stats.NearDuplicateGroups, stats.NearDuplicateImages }.Select(Invariant),
            .. kinds.Select(k => Invariant(stats.ByKind.GetValueOrDefault(k)))]);
    }

    private static string Invariant(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Json(MediaStats stats, StatsGrouping? by) => JsonSerializer.Serialize(new StatsJson(
        stats.Documents, stats.Bytes, stats.Locations, stats.LocationBytes, stats.Indexed, stats.Invalid, stats.Missing,
        stats.WithGps, stats.DuplicateGroups, stats.DuplicateCopies, stats.WastedBytes, stats.Stacks, stats.StackedFiles, stats.NearDuplicateGroups, stats.NearDuplicateImages, stats.ByKind,
        by is null ? null : by.ToString()!.ToLowerInvariant(),
        by is null ? null : stats.Groups.Select(g => new StatsGroupJson(g.Key, g.Documents, g.Bytes)).ToArray()), CliJson.Output.StatsJson);

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Summary(MediaStats stats)
    {
        static string Gb(long bytes) => bytes >= 1e9 ? (bytes / 1e9).ToString("N1", CultureInfo.InvariantCulture) + " GB" : (bytes / 1e6).ToString("N1", CultureInfo.InvariantCulture) + " MB";
        var present = stats.Documents - stats.Missing;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"documents   {N(stats.Documents)} ({N(stats.Indexed)} indexed, {N(stats.Invalid)} invalid, {N(stats.Missing)} missing)\n");
        text.Append(CultureInfo.InvariantCulture, $"content     {Gb(stats.Bytes)} in {N(stats.Documents)} distinct files; {N(stats.Locations)} paths hold {Gb(stats.LocationBytes)}\n");
        text.Append(CultureInfo.InvariantCulture, $"by kind     {string.Join(", ", stats.ByKind.Select(k => $"{k.Key} {N(k.Value)}"))}\n");
        text.Append(CultureInfo.InvariantCulture, $"with GPS    {N(stats.WithGps)} ({(present == 0 ? 0 : stats.WithGps * 100.0 / present):0.#}%)\n");
        text.Append(CultureInfo.InvariantCulture, $"duplicates  {N(stats.DuplicateGroups)} files have {N(stats.DuplicateCopies)} extra copies wasting {Gb(stats.WastedBytes)}\n");
        text.Append(CultureInfo.InvariantCulture, $"stacks      {N(stats.Stacks)} stacks hold {N(stats.StackedFiles)} files shot together (RAW+JPEG, bursts, edits)\n");
        text.Append(CultureInfo.InvariantCulture, $"look-alikes {N(stats.NearDuplicateGroups)} groups of near-duplicate images ({N(stats.NearDuplicateImages)} images: resized, recompressed or re-exported copies)\n");
        return text.ToString();
    }

    private static OutputTable GroupTable(MediaStats stats, StatsGrouping by)
    {
        var table = new OutputTable(by.ToString().ToLowerInvariant(), "documents", "MB");
        foreach (var group in stats.Groups)
            table.Add(group.Key.Length == 0 ? "(none)" : group.Key, N(group.Documents), (group.Bytes / 1e6).ToString("N1", CultureInfo.InvariantCulture));
        return table;
    }
}

internal sealed record StatsJson(
    long Documents, long Bytes, long Locations, long LocationBytes, long Indexed, long Invalid, long Missing, long WithGps,
    long DuplicateGroups, long DuplicateCopies, long WastedBytes, long Stacks, long StackedFiles, long NearDuplicateGroups, long NearDuplicateImages, IReadOnlyDictionary<string, long> ByKind, string? By, StatsGroupJson[]? Groups);

internal sealed record StatsGroupJson(string Key, long Documents, long Bytes);
