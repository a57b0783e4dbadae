using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rayray.Cli.Terminal;
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

    private readonly Option<string?> _format = OutputFormat.Option("json", "ndjson", "table", "paths");

    private readonly Option<string?> _fields = new("--fields")
    {
        Description = "Only these fields, comma-separated document paths or query names (file.path,camera.make,taken)",
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
            var fields = result.GetValue(_fields) is { } list ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(FieldPath).ToArray() : null;
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
                    await WriteTableAsync(stdout, documents, fields);
                    break;
                default:
                    await foreach (var json in documents)
                        await stdout.WriteLineAsync(fields is null ? json : Project(json, fields));
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

    /// <summary>A document path for --fields; query names stand for their path ("taken" is "timestamps.taken").</summary>
    private static string FieldPath(string name) => QueryFields.Find(name) is { } field && field.JsonPath.Length > 0
        ? field.JsonPath.Replace("$.", "", StringComparison.Ordinal).Replace("[*]", "", StringComparison.Ordinal)
        : name;

    /// <summary>Keeps only the given paths; a path through an array keeps that field of each element.</summary>
    internal static string Project(string json, IReadOnlyList<string> paths)
    {
        var source = JsonNode.Parse(json)!;
        var target = new JsonObject();
        foreach (var path in paths)
            Copy(source, target, path.Split('.'), 0);
        return target.ToJsonString();
    }

    private static void Copy(JsonNode? source, JsonNode target, string[] segments, int index)
    {
        if (source is null)
            return;
        if (source is JsonArray array && target is JsonArray targetArray)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (targetArray.Count <= i)
                    targetArray.Add(new JsonObject());
                Copy(array[i], targetArray[i]!, segments, index);
            }
            return;
        }
        if (source is not JsonObject obj || target is not JsonObject targetObject || !obj.TryGetPropertyValue(segments[index], out var value))
            return;
        var key = segments[index];
        if (index == segments.Length - 1)
        {
            targetObject[key] = value?.DeepClone();
            return;
        }
        // Fill a fresh node and keep it only when something was found under it: no empty "timestamps": {}.
        var child = targetObject[key] ?? (value is JsonArray ? new JsonArray() : new JsonObject());
        var wasThere = targetObject.ContainsKey(key);
        if (wasThere)
            targetObject.Remove(key);
        Copy(value, child, segments, index + 1);
        if (wasThere || child is JsonObject { Count: > 0 } || child is JsonArray array2 && array2.Any(e => e is JsonObject { Count: > 0 }))
            targetObject[key] = child;
    }

    private static async Task WriteJsonArrayAsync(StreamWriter stdout, IAsyncEnumerable<string> documents, string[]? fields)
    {
        await stdout.WriteAsync('[');
        var first = true;
        await foreach (var json in documents)
        {
            await stdout.WriteAsync(first ? "\n" : ",\n");
            await stdout.WriteAsync(fields is null ? json : Project(json, fields));
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

    private static async Task WriteTableAsync(StreamWriter stdout, IAsyncEnumerable<string> documents, string[]? fields)
    {
        string[] columns = fields ?? ["_id", "kind", "timestamps.taken", "camera.make", "camera.model", "file.size", "status", "file.path"];
        var table = new OutputTable(columns.Select(c => c.Split('.')[^1]).ToArray());
        await foreach (var json in documents)
        {
            var node = JsonNode.Parse(json);
            table.Add(columns.Select(c => Cell(node, c.Split('.'))).ToArray());
        }
        table.Write(stdout);
    }

    private static string Cell(JsonNode? node, string[] path)
    {
        foreach (var segment in path)
        {
            node = node switch
            {
                JsonObject o => o[segment],
                JsonArray a => new JsonArray([.. a.Select(e => (e as JsonObject)?[segment]?.DeepClone())]),
                _ => null,
            };
        }
        return node switch
        {
            null => "",
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            JsonArray a => string.Join(", ", a.Select(e => e?.ToString())),
            _ => node.ToJsonString(),
        };
    }
}
