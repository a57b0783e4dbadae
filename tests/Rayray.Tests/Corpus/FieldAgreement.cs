using System.Globalization;
using System.Text;

namespace Rayray.Tests.Corpus;

/// <summary>
/// How often rayray and exiftool agree, field by field, over a corpus: every (file, field) pair where either
/// reports a value counts, and a pair agrees when both report the same. Differences documented as exiftool's
/// error are counted apart, so the figure never hides them.
/// </summary>
internal sealed class FieldAgreement
{
    private readonly Dictionary<string, (int Present, int Same, int ExiftoolWrong)> _counts =
        FieldComparison.AgreementFields.ToDictionary(f => f, _ => (0, 0, 0));

    private readonly List<string> _misses = [];

    public void Add(string file, IReadOnlyList<FieldResult> results, Func<string, bool> exiftoolIsWrong)
    {
        foreach (var field in FieldComparison.AgreementFields)
        {
            var result = FieldComparison.AgreementField(results, field)!;
            if (!result.Present)
                continue;
            var (present, same, wrong) = _counts[field];
            var known = !result.Same && exiftoolIsWrong(field);
            _counts[field] = (present + 1, same + (result.Same ? 1 : 0), wrong + (known ? 1 : 0));
            if (!result.Same)
                _misses.Add($"{file}: {result}{(known ? " (exiftool is wrong here: see KnownDifferences)" : "")}");
        }
    }

    public int Present => _counts.Values.Sum(c => c.Present);

    /// <summary>The share of pairs that agree, counting the ones where exiftool is documented wrong as rayray's right answer.</summary>
    public double Agreement => Present == 0 ? 1 : (double)_counts.Values.Sum(c => c.Same + c.ExiftoolWrong) / Present;

    /// <summary>The share of pairs with equal values, whoever is right.</summary>
    public double RawAgreement => Present == 0 ? 1 : (double)_counts.Values.Sum(c => c.Same) / Present;

    /// <summary>A Markdown table of the figures by field, then every disagreement.</summary>
    public string Report()
    {
        var text = new StringBuilder();
        text.AppendLine("| field | values | equal | exiftool wrong | agreement |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var (field, (present, same, wrong)) in _counts)
            text.AppendLine(CultureInfo.InvariantCulture, $"| {field} | {present} | {same} | {wrong} | {Percent(present == 0 ? 1 : (double)(same + wrong) / present)} |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| all | {Present} | {_counts.Values.Sum(c => c.Same)} | {_counts.Values.Sum(c => c.ExiftoolWrong)} | {Percent(Agreement)} (equal: {Percent(RawAgreement)}) |");
        foreach (var miss in _misses)
            text.AppendLine(CultureInfo.InvariantCulture, $"- {miss}");
        return text.ToString();
    }

    private static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
