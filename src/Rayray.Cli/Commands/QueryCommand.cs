using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Rayray.Cli.Output;
using Rayray.Core.Common;
using Rayray.Core.Query;

namespace Rayray.Cli.Commands;

/// <summary><c>rayray query EXPR</c>: the matching documents as JSON (lines), a table, or paths for xargs.</summary>
internal sealed class QueryCommand(GlobalOptions global)
{
    private readonly Argument<string[]> _expression = new("EXPR")
    {
        Description = "The query (see docs/query-language.md); several words are joined by spaces; none matches everything",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private readonly Option<string?> _format = OutputFormat.Option("json", "ndjson", "table", "csv", "paths");

    private readonly Option<string?> _fields = new("--fields")
    {
        Description = "Only these fields, in this order: comma-separated document paths or query names (file.path,camera.make,taken); an object (camera) is all its fields",
        HelpName = "A,B.C",
    };

    private readonly Option<string[]> _sort = new("--sort")
    {
        Description = "Order by a field, ascending or with :desc (repeatable; default: path)",
        HelpName = "FIELD[:desc]",
    };

    private readonly Option<int?> _limit = new("--limit") { Description = "At most N documents", HelpName = "N" };
    private readonly Option<int> _skip = new("--skip") { Description = "Skip the first N documents", HelpName = "N" };
    private readonly Option<bool> _count = new("--count") { Description = "Print how many documents match, nothing else" };

    private readonly Option<bool> _nul = new("-0", "--null")
    {
        Description = "With --format paths: end each path with a NUL byte instead of a newline (for xargs -0)",
    };

    public Command Build()
    {
        var command = new Command("query", "Print the indexed documents that match a query (JSON lines in a pipe, a table on a terminal)");
        command.Arguments.Add(_expression);
        foreach (var option in new Option[] { _format, _fields, _sort, _limit, _skip, _count, _nul })
            command.Options.Add(option);
        _limit.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is < 0) r.AddError("--limit cannot be negative."); });
        _skip.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 0) r.AddError("--skip cannot be negative."); });
        command.SetAction((result, _) => CommandContext.RunAsync(result, global, RunAsync));
        return command;
    }

    private async Task<int> RunAsync(CommandContext context)
    {
        var result = context.ParseResult;
        var text = string.Join(' ', result.GetValue(_expression) ?? []);
        QueryNode? filter;
        IReadOnlyList<QuerySort> sort;
        try
        {
            filter = string.IsNullOrWhiteSpace(text) ? null : QueryParser.Parse(text);
            sort = (result.GetValue(_sort) ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(ParseSort).ToList();
        }
        catch (QuerySyntaxException e)
        {
            context.Fail($"bad query: {e.Message}");
            if (text.Length > 0 && e.Column <= text.Length + 1)
            {
                context.Stderr.WriteLine("  " + PathBytes.Printable(text));
                context.Stderr.WriteLine("  " + new string(' ', e.Column - 1) + "^");
            }
            return ExitCodes.Usage;
        }

        await using var store = await context.OpenStoreAsync(CancellationToken.None);
        await using var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { NewLine = "\n" };
        try
        {
            if (result.GetValue(_count))
            {
                await stdout.WriteLineAsync((await store.CountAsync(filter, CancellationToken.None)).ToString(CultureInfo.InvariantCulture));
                return ExitCodes.Success;
            }

            var query = new MediaQuery { Filter = filter, Sort = sort, Limit = result.GetValue(_limit), Skip = result.GetValue(_skip) };
            var fields = result.GetValue(_fields) is { } list ? OutputFields.Parse(list) : null;
            var documents = store.QueryAsync(query, CancellationToken.None);
            switch (OutputFormat.Resolve(result, _format))
            {
                case "json":
                    await WriteJsonArrayAsync(stdout, documents, fields);
                    break;
                case "paths":
                    await WritePathsAsync(stdout, documents, result.GetValue(_nul) ? '\0' : '\n');
                    break;
                case "table":
                    await DocumentTable.WriteAsync(stdout, documents, fields);
                    break;
                case "csv":
                    await DocumentCsv.WriteAsync(stdout, documents, fields);
                    break;
                default:
                    await foreach (var json in documents)
                        await stdout.WriteLineAsync(fields is null ? JsonText.Relaxed(json) : JsonProjection.Project(json, fields));
                    break;
            }
            await stdout.FlushAsync();
        }
        catch (IOException) when (!OperatingSystem.IsWindows())
        {
            // The reader went away (| head): stop quietly, as Unix tools do.
        }
        return ExitCodes.Success;
    }

    private static QuerySort ParseSort(string text)
    {
        var colon = text.LastIndexOf(':');
        var (name, direction) = colon > 0 ? (text[..colon], text[(colon + 1)..]) : (text, "asc");
        var field = QueryFields.Find(name) ?? throw new QuerySyntaxException(
            $"--sort: unknown field '{name}'{(QueryFields.Suggest(name) is { } s ? $" (did you mean '{s}'?)" : "")}", 1);
        return direction.ToLowerInvariant() switch
        {
            "asc" => new QuerySort(field, false),
            "desc" => new QuerySort(field, true),
            _ => throw new QuerySyntaxException($"--sort: '{direction}' is not asc or desc", 1),
        };
    }

    private static async Task WriteJsonArrayAsync(StreamWriter stdout, IAsyncEnumerable<string> documents, string[]? fields)
    {
        await stdout.WriteAsync('[');
        var first = true;
        await foreach (var json in documents)
        {
            await stdout.WriteAsync(first ? "\n" : ",\n");
            await stdout.WriteAsync(fields is null ? JsonText.Relaxed(json) : JsonProjection.Project(json, fields));
            first = false;
        }
        await stdout.WriteLineAsync(first ? "]" : "\n]");
    }

    private static async Task WritePathsAsync(StreamWriter stdout, IAsyncEnumerable<string> documents, char end)
    {
        await foreach (var json in documents)
        {
            using var document = JsonDocument.Parse(json);
            foreach (var location in document.RootElement.GetProperty("locations").EnumerateArray())
            {
                var path = location.GetProperty("path").GetString() ?? "";
                if (PathBytes.HasEscapes(path))
                {
                    // A name that is not UTF-8 is printed as the bytes it has on disk, so xargs finds the file.
                    await stdout.FlushAsync();
                    await stdout.BaseStream.WriteAsync(PathBytes.Encode(path));
                }
                else
                {
                    await stdout.WriteAsync(path);
                }
                await stdout.WriteAsync(end);
            }
        }
    }
}
