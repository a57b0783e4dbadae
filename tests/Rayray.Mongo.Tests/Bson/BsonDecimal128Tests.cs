using Rayray.Mongo.Bson;

namespace Rayray.Mongo.Tests.Bson;

/// <summary>Decimal128 text both ways (the corpus's decimal128-*.json files run in BsonCorpusTests).</summary>
public sealed class BsonDecimal128Tests
{
    [Theory]
    [InlineData("0", "0")]
    [InlineData("12", "12")]
    [InlineData("-76", "-76")]
    [InlineData("12.70", "12.70")]
    [InlineData("+0.003", "0.003")]
    [InlineData("017.", "17")]
    [InlineData(".5", "0.5")]
    [InlineData("4E+9", "4E+9")]
    [InlineData("0.73e-7", "7.3E-8")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("0.0000001", "1E-7")]
    [InlineData("-0.00", "-0.00")]
    [InlineData("123E-2", "1.23")]
    [InlineData("Inf", "Infinity")]
    [InlineData("-infinity", "-Infinity")]
    [InlineData("nan", "NaN")]
    [InlineData("-NaN", "NaN")]
    public void Text_reads_and_writes_in_canonical_form(string text, string canonical)
    {
        Assert.Equal(canonical, BsonDecimal128.Parse(text).ToString());
        Assert.Equal(canonical, BsonDecimal128.Parse(canonical).ToString());
    }

    [Fact]
    public void The_encoding_is_binary_integer_decimal()
    {
        var value = BsonDecimal128.Parse("12.70");

        // Coefficient 1270, exponent -2 (biased 6174).
        Assert.Equal((6174UL << 49), value.High);
        Assert.Equal(1270UL, value.Low);
    }

    [Fact]
    public void Zeros_clamp_their_exponent_to_the_format()
    {
        Assert.Equal("0E+6111", BsonDecimal128.Parse("0E+9999999999999999999999").ToString());
        Assert.Equal("-0E-6176", BsonDecimal128.Parse("-0E-9999999999999999999999").ToString());
    }

    [Fact]
    public void Large_exponents_are_clamped_by_padding_the_coefficient_with_zeros()
    {
        Assert.Equal("1.20E+6113", BsonDecimal128.Parse("12E6112").ToString());
    }

    [Theory]
    [InlineData("1E+6145")]
    [InlineData("1E-6177")]
    [InlineData("1.0000000000000000000000000000000001")]
    [InlineData("1 ")]
    [InlineData("1,5")]
    [InlineData("sNaN")]
    [InlineData("Infinite")]
    [InlineData("1E")]
    [InlineData("--1")]
    public void Text_that_cannot_be_stored_exactly_is_refused(string text)
    {
        Assert.Throws<BsonFormatException>(() => BsonDecimal128.Parse(text));
    }

    [Fact]
    public void Every_nan_encoding_prints_as_NaN()
    {
        Assert.Equal("NaN", new BsonDecimal128(0xFE00000000000000, 12).ToString());
    }
}
