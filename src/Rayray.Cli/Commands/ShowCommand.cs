using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rayray.Core.Documents;
using Rayray.Core.Web;

namespace Rayray.Cli.Commands;

/// <summary><c>rayray show ID|PATH|HASH</c>: one whole document, as JSON.</summary>
internal sealed class ShowCommand(GlobalOptions global)
{
    private readonly Argument<string> _key = new("ID|PATH|HASH") { Description = "A document id, a content hash (sha256:…), or a path of one of its files" };

    public Command Build()
    {
        var command = new Command("show", "Print one document, whole, as JSON");
        command.Arguments.Add(_key);
        command.SetAction((result, _) => CommandContext.RunAsync(result, global, RunAsync));
        return command;
    }

    private async Task<int> RunAsync(CommandContext context)
    {
        var key = context.ParseResult.GetValue(_key)!;
        var lookup = DocumentId.LooksLikeId(key) || key.StartsWith(DocumentId.HashPrefix, StringComparison.Ordinal) || key.StartsWith("unread:", StringComparison.Ordinal)
            ? key
            : WebAddress.LooksLikeUrl(key) && WebAddress.TryParse(key, out var url, out _) ? url.Location
            : Path.GetFullPath(key);
        await using var store = await context.OpenStoreAsync(CancellationToken.None);
        var document = await store.FindAsync(lookup, CancellationToken.None);
        if (document is null)
        {
            context.Fail($"no document for '{WebAddress.Redact(key)}' (give an id, a sha256: hash, or the path of an indexed file)");
            return ExitCodes.Failure;
        }
        var json = DocumentJson.ToJsonObject(document);
        Console.Out.WriteLine(json.ToJsonString(new JsonSerializerOptions(DocumentJson.Options) { WriteIndented = true }));
        return ExitCodes.Success;
    }
}
