using System.CommandLine;
using Rayray.Cli;
using Rayray.Cli.Commands;

var global = new GlobalOptions();
var root = new RootCommand("rayray indexes the metadata of photo, video and audio libraries into SQLite or MongoDB, and answers queries as JSON.");
global.AddTo(root);
root.Subcommands.Add(new ScanCommand(global).Build());
root.Subcommands.Add(new QueryCommand(global).Build());
root.Subcommands.Add(new ShowCommand(global).Build());
root.Subcommands.Add(new StatsCommand(global).Build());
root.Subcommands.Add(new HistoryCommand(global).Build());
root.Subcommands.Add(new DoctorCommand(global).Build());
root.Subcommands.Add(new ConfigCommand(global).Build());

var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
        Console.Error.WriteLine($"rayray: {error.Message}");
    Console.Error.WriteLine($"Run 'rayray {string.Join(' ', parsed.CommandResult.Command.Name == root.Name ? [] : new[] { parsed.CommandResult.Command.Name })} --help' for usage.".Replace("  ", " ", StringComparison.Ordinal));
    return ExitCodes.Usage;
}

return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
