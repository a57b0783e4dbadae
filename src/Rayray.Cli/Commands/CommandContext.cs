using System.CommandLine;
using Rayray.Cli.Configuration;
using Rayray.Cli.Logging;
using Rayray.Cli.Terminal;
using Rayray.Core.Scanning;
using Rayray.Core.Storage;
using Rayray.Storage.Sqlite;
using Serilog;

namespace Rayray.Cli.Commands;

/// <summary>What every command runs with: the settings, stderr, the logger, the chosen store; and one place that turns failures into exit codes.</summary>
internal sealed class CommandContext(ParseResult parseResult, GlobalOptions global, ConfigFileLocation configFile, EffectiveSettings settings, StandardError stderr, ILogger log)
{
    public ParseResult ParseResult { get; } = parseResult;

    /// <summary>The config file these settings were read from (it may not exist).</summary>
    public ConfigFileLocation ConfigFile { get; } = configFile;

    public EffectiveSettings Settings { get; } = settings;
    public StandardError Stderr { get; } = stderr;
    public ILogger Log { get; } = log;
    private readonly List<Action<int>> _atExit = [];

    public bool Quiet => ParseResult.GetValue(global.Quiet);
    public bool NoProgress => ParseResult.GetValue(global.NoProgress);
    public string DatabaseAddress => Settings.Database.Value;

    /// <param name="cancellationToken">Ends the opening, and later any wait for another process's lock on the database (a stop request).</param>
    public async Task<IMediaStore> OpenStoreAsync(CancellationToken cancellationToken)
    {
        var store = StoreFactory.Create(DatabaseAddress);
        if (store is SqliteMediaStore sqlite)
        {
            sqlite.StopWaitingOn(cancellationToken);
            sqlite.WaitingForLock += (_, timeout) => Log.Information("Waiting for another process's lock on the database {Database:l} (up to {Seconds} s)",
                sqlite.Address, (int)timeout.TotalSeconds);
        }
        try
        {
            await store.InitializeAsync(cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs when the command has its exit code, whether its body returned it or failed.</summary>
    public void AtExit(Action<int> action) => _atExit.Add(action);

    /// <summary>A one-line message for the user on stderr (not a log event: it is the command's own output).</summary>
    public void Say(string text)
    {
        if (!Quiet)
            Stderr.WriteLine(text);
    }

    /// <summary>The command's one-line failure message on stderr, whatever the log level.</summary>
    public void Fail(string text) => Stderr.WriteLine(Stderr.Colorize("rayray: ", "1;31") + text.ReplaceLineEndings(" "));

    /// <param name="commandLine">The settings the command line gives (default: those of the global options); the config file fills in the rest.</param>
    public static async Task<int> RunAsync(ParseResult parseResult, GlobalOptions global, Func<CommandContext, Task<int>> body, CommandLineSettings? commandLine = null)
    {
        var stderr = StandardError.ForConsole();
        var configFile = ConfigFileLocation.Find(parseResult.GetValue(global.Config), Environment.GetEnvironmentVariable);
        EffectiveSettings settings;
        try
        {
            // Before anything else: a bad file stops the command before it logs, opens or writes anything.
            settings = SettingsResolver.Resolve(ConfigFileLoader.Load(configFile), commandLine ?? global.CommandLine(parseResult), Environment.GetEnvironmentVariable);
        }
        catch (ConfigFileException e)
        {
            stderr.WriteLine(stderr.Colorize("rayray: ", "1;31") + e.Message.ReplaceLineEndings(" "));
            return ExitCodes.Usage;
        }
        var logOptions = new LogOptions(settings.LogLevel.Value, settings.LogFile.Value, settings.LogFormat.Value, parseResult.GetValue(global.Quiet));
        await using var logger = LoggerFactory.Create(logOptions, stderr);
        var context = new CommandContext(parseResult, global, configFile, settings, stderr, logger);
        var code = await ExitCodeOfAsync(context, body);
        foreach (var action in context._atExit)
        {
            try
            {
                action(code);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Fail(e.Message);
                code = code == ExitCodes.Success ? ExitCodes.Failure : code;
            }
        }
        return code;
    }

    private static async Task<int> ExitCodeOfAsync(CommandContext context, Func<CommandContext, Task<int>> body)
    {
        var logger = context.Log;
        try
        {
            return await body(context);
        }
        catch (UsageException e)
        {
            context.Fail(e.Message);
            return ExitCodes.Usage;
        }
        catch (Rayray.Core.Query.QuerySyntaxException e)
        {
            // A well-formed query the store cannot answer faithfully (MongoDB's $text rules).
            context.Fail($"bad query: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (StoreException e)
        {
            logger.Debug(e, "Store failure");
            context.Fail(e.Message);
            return e.WasStopped ? ExitCodes.Interrupted : ExitCodes.Failure;
        }
        catch (ScanStageException e) when (e.InnerException is StoreException store)
        {
            logger.Debug(e, "Store failure during the scan");
            context.Fail(store.Message + " (every batch committed before it is kept)");
            return store.WasStopped ? ExitCodes.Interrupted : ExitCodes.Failure;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            logger.Error(e, "{Message}", e.Message);
            context.Fail($"{e.Message} (run with --log-level debug for details)");
            return ExitCodes.Failure;
        }
    }
}

/// <summary>The command line asks for something impossible: exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
