using System.CommandLine;

namespace Rayray.Cli.Commands;

internal static class ParseResultExtensions
{
    /// <summary>
    /// The option's value when the command line gives it; null when it is absent or has only its
    /// default value, so that the config file's value can take its place.
    /// </summary>
    public static T? GivenValue<T>(this ParseResult result, Option<T> option) where T : struct =>
        result.GetResult(option) is { Implicit: false } ? result.GetValue(option) : null;

    /// <summary>A text option's value, or null when it is absent or blank.</summary>
    public static string? GivenText(this ParseResult result, Option<string?> option) =>
        result.GetValue(option) is { } text && !string.IsNullOrWhiteSpace(text) ? text : null;
}
