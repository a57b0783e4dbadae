using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rayray.Cli.Configuration;
using Rayray.Cli.Terminal;
using Rayray.Storage.Mongo;

namespace Rayray.Cli.Commands;

/// <summary><c>rayray config</c>: the effective settings and where each comes from; <c>--path</c>: the config file rayray reads.</summary>
internal sealed class ConfigCommand(GlobalOptions global)
{
    private readonly Option<bool> _path = new("--path")
    {
        Description = "Only print the path of the config file rayray reads (whether it exists or not)",
    };

    private readonly Option<string?> _format = new("--format")
    {
        Description = "table or json (default: table on a terminal, json in a pipe)",
        HelpName = "FORMAT",
    };

    public Command Build()
    {
        _format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("config", "Print the effective settings and where each comes from: the command line, the environment, the config file or the default");
        command.Options.Add(_path);
        command.Options.Add(_format);
        command.SetAction((result, _) => result.GetValue(_path) ? PrintPathAsync(result) : CommandContext.RunAsync(result, global, RunAsync));
        return command;
    }

    /// <summary>Reads nothing: the path is printed even when the file is missing or bad, to find it and fix it.</summary>
    private async Task<int> PrintPathAsync(ParseResult result)
    {
        var location = ConfigFileLocation.Find(result.GetValue(global.Config), Environment.GetEnvironmentVariable);
        await Console.Out.WriteAsync(location.Path + "\n");
        return ExitCodes.Success;
    }

    private async Task<int> RunAsync(CommandContext context)
    {
        var file = context.ConfigFile.Path;
        var found = File.Exists(file);
        var settings = context.Settings.All().Select(s => (s.Key, Value: s.Key == ConfigKeys.Db ? Redacted((string)s.Value!) : s.Value, s.Source)).ToList();
        var format = context.ParseResult.GetValue(_format) ?? (Console.IsOutputRedirected ? "json" : "table");
        if (format == "json")
        {
            await Console.Out.WriteAsync(Json(file, found, settings) + "\n");
            return ExitCodes.Success;
        }

        await Console.Out.WriteAsync($"config file: {file}{(found ? "" : " (not found: none is read)")}\n");
        var table = new OutputTable("setting", "value", "source");
        foreach (var (key, value, source) in settings)
            table.Add(key.Name, Text(key, value), source.ToString());
        table.Write(Console.Out);
        return ExitCodes.Success;
    }

    private static string Redacted(string database) =>
        StoreFactory.IsMongoAddress(database) ? SecretRedaction.For(database).Redact(database) : database;

    private static string Text(ConfigKey key, object? value) => value switch
    {
        null when key == ConfigKeys.Ffprobe => "(ffprobe on the PATH)",
        null when key == ConfigKeys.LogLevel => "(warning; info in the log file)",
        null => "(none)",
        IReadOnlyList<string> { Count: 0 } => "(none)",
        IReadOnlyList<string> list => string.Join(", ", list),
        bool flag => flag ? "true" : "false",
        int number => number.ToString(CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Json(string file, bool found, List<(ConfigKey Key, object? Value, SettingSource Source)> settings)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("file", file);
            json.WriteBoolean("fileFound", found);
            json.WriteStartObject("settings");
            foreach (var (key, value, source) in settings)
            {
                json.WriteStartObject(key.Name);
                json.WritePropertyName("value");
                switch (value)
                {
                    case null:
                        json.WriteNullValue();
                        break;
                    case IReadOnlyList<string> list:
                        json.WriteStartArray();
                        foreach (var item in list)
                            json.WriteStringValue(item);
                        json.WriteEndArray();
                        break;
                    case bool flag:
                        json.WriteBooleanValue(flag);
                        break;
                    case int number:
                        json.WriteNumberValue(number);
                        break;
                    default:
                        json.WriteStringValue(value.ToString());
                        break;
                }
                json.WriteString("source", source.ToString());
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
