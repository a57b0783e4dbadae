using Rayray.Core.Common;
using Tomlyn.Syntax;

namespace Rayray.Cli.Configuration;

/// <summary>
/// Checks one TOML value against its <see cref="ConfigKey"/> and converts it: a wrong type, a
/// number out of range or an unknown choice is a <see cref="ConfigFileException"/> at the value.
/// Paths are made absolute against the config file's folder, so a cron job's working folder does not matter.
/// </summary>
internal sealed class ConfigValueReader(string path)
{
    private readonly string _folder = System.IO.Path.GetDirectoryName(path) ?? ".";

    public object Read(ConfigKey key, ValueSyntax value) => key.Type switch
    {
        ConfigValueType.Database => Database(key, value),
        ConfigValueType.Path => ResolvePath(NonEmptyString(key, value)),
        ConfigValueType.PathList => Strings(key, value).Select(ResolvePath).ToList(),
        ConfigValueType.GlobList => Globs(key, value),
        ConfigValueType.Integer => Integer(key, value),
        ConfigValueType.Boolean => value is BooleanValueSyntax boolean ? boolean.Value : throw WrongType(key, value),
        _ => Choice(key, value),
    };

    private string Database(ConfigKey key, ValueSyntax value)
    {
        var text = NonEmptyString(key, value);
        if (StoreFactory.IsMongoAddress(text))
            return text;
        return ResolvePath(text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) ? text["sqlite:".Length..] : text);
    }

    private static int Integer(ConfigKey key, ValueSyntax value)
    {
        if (value is not IntegerValueSyntax integer)
            throw WrongType(key, value);
        if (integer.Value < key.Min || integer.Value > key.Max)
            throw Error(value, $"{key.Name} must be between {key.Min} and {key.Max}, not {integer.Value}");
        return (int)integer.Value;
    }

    private static string Choice(ConfigKey key, ValueSyntax value)
    {
        if (value is not StringValueSyntax text)
            throw WrongType(key, value);
        var choice = text.Value?.ToLowerInvariant() ?? "";
        return key.Choices.Contains(choice) ? choice : throw Error(value, $"{key.Name} must be {key.Expected}, not \"{text.Value}\"");
    }

    private static List<string> Globs(ConfigKey key, ValueSyntax value)
    {
        var globs = Strings(key, value);
        for (var i = 0; i < globs.Count; i++)
        {
            try
            {
                _ = Glob.Parse(globs[i], ignoreCase: true);
            }
            catch (ArgumentException e)
            {
                throw Error(((ArraySyntax)value).Items.GetChild(i)!, $"{key.Name}: \"{globs[i]}\" is not a glob: {e.Message}");
            }
        }
        return globs;
    }

    private static List<string> Strings(ConfigKey key, ValueSyntax value)
    {
        if (value is not ArraySyntax array)
            throw WrongType(key, value);
        var strings = new List<string>();
        foreach (var item in array.Items)
        {
            if (item.Value is not StringValueSyntax { Value: { Length: > 0 } text })
                throw Error(item, $"{key.Name} must be {key.Expected}; this item is {TypeName(item.Value)}");
            strings.Add(text);
        }
        return strings;
    }

    private static string NonEmptyString(ConfigKey key, ValueSyntax value) => value switch
    {
        StringValueSyntax { Value: { } text } when !string.IsNullOrWhiteSpace(text) => text,
        StringValueSyntax => throw Error(value, $"{key.Name} must not be empty (leave it out for the default)"),
        _ => throw WrongType(key, value),
    };

    private string ResolvePath(string text)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (text == "~")
            return home;
        if (text.StartsWith("~/", StringComparison.Ordinal) || (OperatingSystem.IsWindows() && text.StartsWith("~\\", StringComparison.Ordinal)))
            text = System.IO.Path.Combine(home, text[2..]);
        return System.IO.Path.GetFullPath(text, _folder);
    }

    private static ConfigFileException WrongType(ConfigKey key, ValueSyntax value) =>
        Error(value, $"{key.Name} must be {key.Expected}, not {TypeName(value)}");

    private static string TypeName(SyntaxNode? value) => value switch
    {
        StringValueSyntax => "a string",
        IntegerValueSyntax => "an integer",
        FloatValueSyntax => "a float",
        BooleanValueSyntax => "a boolean",
        ArraySyntax => "an array",
        InlineTableSyntax => "a table",
        DateTimeValueSyntax => "a date",
        _ => "empty",
    };

    public static ConfigFileException Error(SyntaxNode at, string message) =>
        new(at.Span.FileName ?? "", at.Span.Start.Line + 1, at.Span.Start.Column + 1, message);
}
