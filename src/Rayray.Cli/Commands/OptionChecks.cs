using System.CommandLine.Parsing;
using Rayray.Core.Common;

namespace Rayray.Cli.Commands;

/// <summary>The checks options share, with one wording: a number within a range, a duration rayray can read.</summary>
internal static class OptionChecks
{
    public static void Range(OptionResult result, int value, int min, int max, string name)
    {
        if (value < min || value > max)
            result.AddError($"{name} must be between {min} and {max}, not {value}.");
    }

    public static void DurationOrNothing(OptionResult result, string? value, string name)
    {
        if (value is not null && !DurationText.TryParse(value, out _))
            result.AddError($"{name} takes a duration such as 90, 30s, 5m, 6h or 1d, not '{value}'.");
    }
}
