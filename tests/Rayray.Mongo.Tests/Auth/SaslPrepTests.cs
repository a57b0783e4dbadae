using Rayray.Mongo.Auth;

namespace Rayray.Mongo.Tests.Auth;

public class SaslPrepTests
{
    [Theory]
    [InlineData("I\u00ADX", "IX")] // RFC 4013 section 3, example 1: SOFT HYPHEN mapped to nothing
    [InlineData("user", "user")] // example 2: no transformation
    [InlineData("USER", "USER")] // example 3: case preserved
    [InlineData("\u00AA", "a")] // example 4: NFKC
    [InlineData("\u2168", "IX")] // example 5: NFKC, matches example 1
    public void Rfc4013_examples_prepare_as_published(string input, string expected)
    {
        Assert.Equal(expected, SaslPrep.Prepare(input));
    }

    [Fact]
    public void Rfc4013_example_6_prohibited_character_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => SaslPrep.Prepare("\u0007"));

        Assert.Contains("character 1 is an ASCII control character (RFC 3454 table C.2.1)", error.Message);
    }

    [Fact]
    public void Rfc4013_example_7_bidirectional_check_fails()
    {
        var error = Assert.Throws<ArgumentException>(() => SaslPrep.Prepare("\u0627\u0031"));

        Assert.Contains("character 2 is not right-to-left", error.Message);
        Assert.Contains("must end with one (RFC 3454 section 6)", error.Message);
    }

    [Theory]
    [InlineData("\u00A0", " ")] // NO-BREAK SPACE
    [InlineData("a\u3000b", "a b")] // IDEOGRAPHIC SPACE
    [InlineData("a\u2000b", "a b")] // EN QUAD
    [InlineData("a\u200Bb", "a b")] // ZERO WIDTH SPACE is in C.1.2 and B.1; mapped to space first, as ICU does
    [InlineData("a\u200Db", "ab")] // ZERO WIDTH JOINER: mapped to nothing
    [InlineData("a\uFEFFb\u180Bc\uFE0F", "abc")] // more of table B.1
    [InlineData("\u00C5", "\u00C5")] // composed stays composed
    [InlineData("A\u030A", "\u00C5")] // composed by NFKC
    [InlineData("\u212B", "\u00C5")] // ANGSTROM SIGN: canonical singleton
    [InlineData("\uFB01", "fi")] // compatibility ligature
    [InlineData("\u1E9B\u0323", "\u1E69")] // UAX #15's example: long s with dot above and dot below
    [InlineData("a\u0323\u0307", "\u1EA1\u0307")] // reordering then composition with the first mark
    [InlineData("\u1100\u1161\u11A8", "\uAC01")] // Hangul jamo compose to a syllable
    [InlineData("\uAC00\u11A8", "\uAC01")] // LV syllable plus trailing jamo
    [InlineData("\uFF21\uFF22", "AB")] // fullwidth letters
    [InlineData("\u0340", "\u0300")] // in C.8, but NFKC turns it into an allowed character first
    [InlineData("", "")]
    public void Maps_and_normalizes(string input, string expected)
    {
        Assert.Equal(expected, SaslPrep.Prepare(input));
    }

    [Theory]
    [InlineData("\U0001D400", "A")] // MATHEMATICAL BOLD CAPITAL A, above U+FFFF
    [InlineData("x\U0001D7CEy", "x0y")] // MATHEMATICAL BOLD DIGIT ZERO
    [InlineData("\U0002F868", "\U0002136A")] // CJK compatibility ideograph: Unicode 3.2's mapping, not Corrigendum #4's
    [InlineData("\U0001D15E", "\U0001D157\U0001D165")] // musical symbol, excluded from recomposition
    [InlineData("\U00020000", "\U00020000")] // CJK Extension B stays as it is
    public void Handles_code_points_above_the_basic_multilingual_plane(string input, string expected)
    {
        Assert.Equal(expected, SaslPrep.Prepare(input));
    }

    [Theory]
    [InlineData("ab\u0000", 3, "C.2.1")]
    [InlineData("\u007F", 1, "C.2.1")]
    [InlineData("a\u0085", 2, "C.2.2")]
    [InlineData("\u2028", 1, "C.2.2")]
    [InlineData("\U0001D173", 1, "C.2.2")]
    [InlineData("pass\uE000", 5, "C.3")]
    [InlineData("\U000F0000", 1, "C.3")]
    [InlineData("\uFDD0", 1, "C.4")]
    [InlineData("\U0001FFFE", 1, "C.4")]
    [InlineData("\uFFFD", 1, "C.6")]
    [InlineData("\u2FF0", 1, "C.7")]
    [InlineData("a\u200E", 2, "C.8")]
    [InlineData("\u202E", 1, "C.8")]
    [InlineData("\U000E0001", 1, "C.9")]
    [InlineData("\U000E0041", 1, "C.9")]
    [InlineData("\u0221", 1, "A.1")]
    [InlineData("\U0001F600", 1, "A.1")] // emoji arrived after Unicode 3.2
    [InlineData("\u1D2C", 1, "A.1")] // MODIFIER LETTER CAPITAL A (Unicode 4.0): refused, not normalized to "A"
    public void Refuses_prohibited_and_unassigned_characters_naming_position_and_table(string input, int position, string table)
    {
        var error = Assert.Throws<ArgumentException>(() => SaslPrep.Prepare(input));

        Assert.Contains($"character {position} ", error.Message);
        Assert.Contains($"table {table})", error.Message);
        Assert.Equal("value", error.ParamName);
    }

    [Fact]
    public void Position_counts_characters_not_utf16_units()
    {
        var error = Assert.Throws<ArgumentException>(() => SaslPrep.Prepare("\U0001D400\U0001D400\u0007"));

        Assert.Contains("character 3 ", error.Message);
    }

    [Fact]
    public void Position_refers_to_the_input_even_after_mapping_and_expansion()
    {
        // U+00AD vanishes and U+FB03 (ffi) becomes three letters; the control character is still the 4th input character.
        var error = Assert.Throws<ArgumentException>(() => SaslPrep.Prepare("\u00AD\uFB03x\u0001"));

        Assert.Contains("character 4 ", error.Message);
    }

    [Theory]
    [InlineData("a", '\uD800', "b", 2)]
    [InlineData("", '\uDC00', "", 1)]
    [InlineData("ab", '\uD800', "", 3)]
    [InlineData("\U0001D400", '\uDBFF', "x", 2)]
    public void Unpaired_surrogates_are_refused(string before, char surrogate, string after, int position)
    {
        // Assembled here: an attribute argument cannot carry a lone surrogate in a string (metadata stores it as UTF-8).
        var error = Assert.Throws<ArgumentException>(() => SaslPrep.Prepare(before + surrogate + after));

        Assert.Contains($"character {position} is an unpaired surrogate", error.Message);
    }

    [Theory]
    [InlineData("\u0627\u0628")] // Arabic only
    [InlineData("\u05D0\u0031\u05D1")] // Hebrew with a European digit inside
    [InlineData("\u0627 \u0628")]
    [InlineData("1234")] // neither direction
    public void Accepts_well_formed_right_to_left_text(string input)
    {
        Assert.Equal(input, SaslPrep.Prepare(input));
    }

    [Theory]
    [InlineData("\u0627a\u0628", 2, "left-to-right character")]
    [InlineData("a\u0627", 1, "left-to-right character")]
    [InlineData("1\u0627", 1, "must start with one")]
    [InlineData("\u0627 ", 2, "must end with one")]
    public void Refuses_badly_mixed_right_to_left_text(string input, int position, string rule)
    {
        var error = Assert.Throws<ArgumentException>(() => SaslPrep.Prepare(input));

        Assert.Contains($"character {position} ", error.Message);
        Assert.Contains(rule, error.Message);
        Assert.Contains("RFC 3454 section 6", error.Message);
    }

    [Fact]
    public void Error_messages_do_not_repeat_the_value()
    {
        var error = Assert.Throws<ArgumentException>(() => SaslPrep.Prepare("correct horse\u0007battery"));

        Assert.DoesNotContain("horse", error.Message);
        Assert.DoesNotContain("battery", error.Message);
    }

    [Fact]
    public void Query_strings_may_hold_unassigned_code_points()
    {
        Assert.Equal("a\u0221b", SaslPrep.PrepareQuery("a\u0221b"));
        Assert.Equal("\U0001F600", SaslPrep.PrepareQuery("\U0001F600"));
        Assert.Equal("IX", SaslPrep.PrepareQuery("\u2168"));
        Assert.Throws<ArgumentException>(() => SaslPrep.PrepareQuery("\u0007"));
    }

    [Fact]
    public void Null_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => SaslPrep.Prepare(null!));
    }
}
