using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace Rayray.Cli.Configuration;

/// <summary>
/// Reads a config file into a <see cref="ConfigFile"/>, or fails with a
/// <see cref="ConfigFileException"/> naming the file, line and column: a TOML syntax error, a key
/// rayray does not know (with the one it probably meant), a value of the wrong type or range.
/// </summary>
internal static class ConfigFileLoader
{
    /// <summary>The file at <paramref name="location"/>; null when it is the default one and does not exist.</summary>
    public static ConfigFile? Load(ConfigFileLocation location)
    {
        if (Directory.Exists(location.Path))
            throw new ConfigFileException($"the config file {location.Path} is a folder");
        string text;
        try
        {
            text = File.ReadAllText(location.Path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            if (!location.IsExplicit)
                return null;
            throw new ConfigFileException($"config file not found: {location.Path} (named by {location.NamedBy})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigFileException($"cannot read the config file {location.Path}: {e.Message}");
        }
        return Parse(text, location.Path);
    }

    public static ConfigFile Parse(string text, string path)
    {
        var document = SyntaxParser.Parse(text, path, validate: true);
        if (document.Diagnostics.FirstOrDefault(d => d.Kind == DiagnosticMessageKind.Error) is { } error)
            throw new ConfigFileException(path, error.Span.Start.Line + 1, error.Span.Start.Column + 1, $"not valid TOML: {error.Message}");

        var reader = new ConfigValueReader(path);
        var entries = new List<ConfigEntry>();
        foreach (var keyValue in document.KeyValues)
            Read(reader, "", keyValue, entries);
        foreach (var table in document.Tables)
        {
            var name = KeyName(table.Name!);
            if (table is TableArraySyntax || !ConfigKeys.IsTable(name))
            {
                var brackets = table is TableArraySyntax ? $"[[{name}]]" : $"[{name}]";
                var hint = ConfigKeys.SuggestTable(name) is { } table2 ? $" (did you mean [{table2}]?)"
                    : ConfigKeys.Find(name) is not null ? $" ({name} is a setting: write {name} = … before any table)"
                    : "";
                throw ConfigValueReader.Error(table, $"unknown table {brackets}{hint}");
            }
            foreach (var keyValue in table.Items)
                Read(reader, name + ".", keyValue, entries);
        }
        return new ConfigFile(path, entries);
    }

    private static void Read(ConfigValueReader reader, string prefix, KeyValueSyntax keyValue, List<ConfigEntry> entries)
    {
        var name = prefix + KeyName(keyValue.Key!);
        var value = keyValue.Value!;
        if (ConfigKeys.IsTable(name))
        {
            if (value is not InlineTableSyntax inline)
                throw ConfigValueReader.Error(value, $"{name} is a table: write [{name}] and its settings ({string.Join(", ", ConfigKeys.All.Where(k => k.Name.StartsWith(name + ".", StringComparison.Ordinal)).Select(k => k.Name[(name.Length + 1)..]))}) below it");
            foreach (var item in inline.Items)
                Read(reader, name + ".", item.KeyValue!, entries);
            return;
        }
        var key = ConfigKeys.Find(name);
        if (key is null)
        {
            var hint = ConfigKeys.SuggestKey(name) is { } suggestion ? $" (did you mean {suggestion}?)" : "";
            throw ConfigValueReader.Error(keyValue.Key!, $"unknown setting {name}{hint}");
        }
        entries.Add(new ConfigEntry(key, reader.Read(key, value), keyValue.Span.Start.Line + 1, keyValue.Span.Start.Column + 1));
    }

    /// <summary>"log.level" for <c>log.level</c>, <c>"log".level</c> or <c>log . level</c>.</summary>
    private static string KeyName(KeySyntax key) =>
        string.Join('.', new[] { Part(key.Key) }.Concat(key.DotKeys.Select(d => Part(d.Key))));

    private static string Part(BareKeyOrStringValueSyntax? part) => part switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? "",
        StringValueSyntax quoted => quoted.Value ?? "",
        _ => "",
    };
}
