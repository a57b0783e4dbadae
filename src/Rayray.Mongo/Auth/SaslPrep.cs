using System.Buffers;
using System.Text;

namespace Rayray.Mongo.Auth;

/// <summary>
/// SASLprep (RFC 4013), the stringprep (RFC 3454) profile for user names and passwords: map non-ASCII spaces to
/// U+0020 and the "commonly mapped to nothing" characters to nothing, normalize to NFKC, then refuse prohibited
/// characters and badly mixed right-to-left text. Everything follows Unicode 3.2, as stringprep is defined over it.
/// </summary>
/// <remarks>
/// U+200B ZERO WIDTH SPACE is in both table C.1.2 and table B.1; it is mapped to a space, as the MongoDB server's
/// implementation (ICU's RFC 4013 profile) does. The bidirectional check uses RFC 3454's tables D.1 and D.2; ICU uses
/// the current Unicode bidirectional classes instead, so the two can disagree on right-to-left text that contains one
/// of the few characters reclassified since Unicode 3.2 (such as U+302E). Error messages name the character's position
/// (counting characters, that is code points, from 1) and the rule, never the value, which is usually a password.
/// </remarks>
public static class SaslPrep
{
    private const string UnassignedRule = "is unassigned in Unicode 3.2 (RFC 3454 table A.1) and so not allowed in a stored string";

    /// <summary>
    /// Prepares a stored string, as RFC 5802 requires for SCRAM passwords: code points unassigned in Unicode 3.2
    /// are refused (RFC 3454 section 7).
    /// </summary>
    /// <exception cref="ArgumentException">The value holds a prohibited or unassigned character or breaks the bidirectional rules.</exception>
    public static string Prepare(string value) => Prepare(value, allowUnassigned: false, nameof(value));

    /// <summary>
    /// Prepares a query string: code points unassigned in Unicode 3.2 pass through unchanged (RFC 3454 section 7).
    /// Not for SCRAM passwords; a value prepared this way may later prepare differently.
    /// </summary>
    /// <exception cref="ArgumentException">The value holds a prohibited character or breaks the bidirectional rules.</exception>
    public static string PrepareQuery(string value) => Prepare(value, allowUnassigned: true, nameof(value));

    /// <summary>Prepares <paramref name="value"/>, naming <paramref name="parameterName"/> (such as "password") in any error.</summary>
    internal static string Prepare(string value, bool allowUnassigned, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(value, parameterName);
        var mapped = Map(value, allowUnassigned, parameterName);
        var normalized = Unicode32Nfkc.Normalize(mapped);
        RejectProhibited(normalized, allowUnassigned, parameterName);
        CheckBidirectionalText(normalized, parameterName);
        var prepared = new StringBuilder(value.Length);
        foreach (var codePoint in normalized)
            prepared.Append(new Rune(codePoint.Value).ToString());
        return prepared.ToString();
    }

    /// <summary>RFC 4013 section 2.1, with the unassigned check of RFC 3454 section 7 done on the input as well.</summary>
    private static List<TracedCodePoint> Map(string value, bool allowUnassigned, string parameterName)
    {
        var mapped = new List<TracedCodePoint>(value.Length);
        var position = 0;
        for (var index = 0; index < value.Length;)
        {
            position++;
            if (Rune.DecodeFromUtf16(value.AsSpan(index), out var rune, out var consumed) != OperationStatus.Done)
                throw Rejected(parameterName, position, "is an unpaired surrogate, which is not Unicode text (RFC 3454 table C.5)");
            index += consumed;

            // Checked before normalization too: a newer character must not be normalized into one Unicode 3.2 has.
            if (!allowUnassigned && StringPrepTables.UnassignedInUnicode32.Contains(rune.Value))
                throw Rejected(parameterName, position, UnassignedRule);

            if (StringPrepTables.NonAsciiSpaces.Contains(rune.Value))
                mapped.Add(new TracedCodePoint(' ', position));
            else if (!StringPrepTables.CommonlyMappedToNothing.Contains(rune.Value))
                mapped.Add(new TracedCodePoint(rune.Value, position));
        }
        return mapped;
    }

    /// <summary>RFC 4013 sections 2.3 and 2.5.</summary>
    private static void RejectProhibited(List<TracedCodePoint> normalized, bool allowUnassigned, string parameterName)
    {
        foreach (var codePoint in normalized)
        {
            var rule = ProhibitionOf(codePoint.Value)
                ?? (!allowUnassigned && StringPrepTables.UnassignedInUnicode32.Contains(codePoint.Value) ? UnassignedRule : null);
            if (rule is not null)
                throw Rejected(parameterName, codePoint.SourcePosition, rule);
        }
    }

    private static string? ProhibitionOf(int codePoint) => codePoint switch
    {
        _ when StringPrepTables.NonAsciiSpaces.Contains(codePoint) => "is a non-ASCII space (RFC 3454 table C.1.2)",
        _ when StringPrepTables.AsciiControls.Contains(codePoint) => "is an ASCII control character (RFC 3454 table C.2.1)",
        _ when StringPrepTables.NonAsciiControls.Contains(codePoint) => "is a non-ASCII control character (RFC 3454 table C.2.2)",
        _ when StringPrepTables.PrivateUse.Contains(codePoint) => "is a private use character (RFC 3454 table C.3)",
        _ when StringPrepTables.NonCharacters.Contains(codePoint) => "is a non-character code point (RFC 3454 table C.4)",
        _ when StringPrepTables.Surrogates.Contains(codePoint) => "is a surrogate code point (RFC 3454 table C.5)",
        _ when StringPrepTables.InappropriateForPlainText.Contains(codePoint) => "is inappropriate for plain text (RFC 3454 table C.6)",
        _ when StringPrepTables.InappropriateForCanonicalRepresentation.Contains(codePoint) =>
            "is inappropriate for canonical representation (RFC 3454 table C.7)",
        _ when StringPrepTables.ChangeDisplayPropertiesOrDeprecated.Contains(codePoint) =>
            "changes display properties or is deprecated (RFC 3454 table C.8)",
        _ when StringPrepTables.TaggingCharacters.Contains(codePoint) => "is a tagging character (RFC 3454 table C.9)",
        _ => null,
    };

    /// <summary>RFC 3454 section 6: right-to-left text must not contain left-to-right characters and must start and end right-to-left.</summary>
    private static void CheckBidirectionalText(List<TracedCodePoint> normalized, string parameterName)
    {
        var firstRightToLeft = normalized.FindIndex(codePoint => StringPrepTables.RandALCat.Contains(codePoint.Value));
        if (firstRightToLeft < 0)
            return;
        var rightToLeftPosition = normalized[firstRightToLeft].SourcePosition;
        var leftToRight = normalized.FindIndex(codePoint => StringPrepTables.LCat.Contains(codePoint.Value));
        if (leftToRight >= 0)
        {
            throw Rejected(parameterName, normalized[leftToRight].SourcePosition,
                $"is a left-to-right character in text that has a right-to-left one at character {rightToLeftPosition} (RFC 3454 section 6)");
        }
        if (!StringPrepTables.RandALCat.Contains(normalized[0].Value))
        {
            throw Rejected(parameterName, normalized[0].SourcePosition,
                $"is not right-to-left, but text with a right-to-left character (at character {rightToLeftPosition}) must start with one (RFC 3454 section 6)");
        }
        if (!StringPrepTables.RandALCat.Contains(normalized[^1].Value))
        {
            throw Rejected(parameterName, normalized[^1].SourcePosition,
                $"is not right-to-left, but text with a right-to-left character (at character {rightToLeftPosition}) must end with one (RFC 3454 section 6)");
        }
    }

    private static ArgumentException Rejected(string parameterName, int position, string rule) =>
        new($"SASLprep (RFC 4013) refuses the {parameterName}: character {position} {rule}.", parameterName);
}
