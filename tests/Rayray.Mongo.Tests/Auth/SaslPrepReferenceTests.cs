using Rayray.Mongo.Auth;
using Rayray.Testing;

namespace Rayray.Mongo.Tests.Auth;

/// <summary>
/// Compares <see cref="SaslPrep"/> with saslprep_reference.py, an independent SASLprep over Python's RFC 3454 tables
/// and Unicode 3.2 normalization, on every code point and on thousands of strings that exercise normalization.
/// </summary>
public class SaslPrepReferenceTests
{
    [RequiresToolFact("python3")]
    public void Agrees_with_the_python_reference_on_every_code_point_and_on_sample_strings()
    {
        var script = Path.Combine(RepoPaths.Root, "tests", "Rayray.Mongo.Tests", "Auth", "saslprep_reference.py");
        var lines = ExternalTool.Run("python3", script).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var separator = Array.IndexOf(lines, "# strings");
        Assert.True(separator > 0, "the reference printed no '# strings' separator");

        var expectedForCodePoint = new Dictionary<int, string>();
        foreach (var line in lines[..separator])
        {
            var (input, expected) = SplitLine(line);
            var dash = input.IndexOf('-', StringComparison.Ordinal);
            var first = Convert.ToInt32(dash < 0 ? input : input[..dash], 16);
            var last = dash < 0 ? first : Convert.ToInt32(input[(dash + 1)..], 16);
            for (var codePoint = first; codePoint <= last; codePoint++)
                expectedForCodePoint[codePoint] = expected;
        }

        var disagreements = new List<string>();
        for (var codePoint = 0; codePoint <= 0x10FFFF; codePoint++)
        {
            if (codePoint is >= 0xD800 and <= 0xDFFF)
                continue;
            var expected = expectedForCodePoint.GetValueOrDefault(codePoint, codePoint.ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            Compare(char.ConvertFromUtf32(codePoint), expected, disagreements);
        }
        foreach (var line in lines[(separator + 1)..])
        {
            var (input, expected) = SplitLine(line);
            var text = string.Concat(input.Split(' ').Select(hex => char.ConvertFromUtf32(Convert.ToInt32(hex, 16))));
            Compare(text, expected, disagreements);
        }

        Assert.True(disagreements.Count == 0, $"{disagreements.Count} disagreements, first: {string.Join("; ", disagreements.Take(10))}");
        Assert.True(lines.Length - separator > 10_000, "the reference printed too few sample strings");
    }

    private static (string Input, string Expected) SplitLine(string line)
    {
        var tab = line.IndexOf('\t', StringComparison.Ordinal);
        return (line[..tab], line[(tab + 1)..].TrimEnd('\r'));
    }

    private static void Compare(string input, string expected, List<string> disagreements)
    {
        var actual = Outcome(input);
        if (actual != expected)
            disagreements.Add($"{Hex(input)} → {actual}, reference {expected}");
    }

    private static string Outcome(string input)
    {
        try
        {
            return Hex(SaslPrep.Prepare(input));
        }
        catch (ArgumentException error) when (error.Message.Contains("table A.1", StringComparison.Ordinal))
        {
            return "!unassigned";
        }
        catch (ArgumentException error) when (error.Message.Contains("section 6", StringComparison.Ordinal))
        {
            return "!bidi";
        }
        catch (ArgumentException)
        {
            return "!prohibited";
        }
    }

    private static string Hex(string text) =>
        string.Join(' ', text.EnumerateRunes().Select(rune => rune.Value.ToString("X4", System.Globalization.CultureInfo.InvariantCulture)));
}
