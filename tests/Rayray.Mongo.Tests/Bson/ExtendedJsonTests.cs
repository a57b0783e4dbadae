using Rayray.Mongo.Bson;

namespace Rayray.Mongo.Tests.Bson;

/// <summary>Extended JSON behaviour the corpus does not pin down (BsonCorpusTests runs the corpus itself).</summary>
public sealed class ExtendedJsonTests
{
    private static BsonDocument Sample() => new()
    {
        { "name", "IMG_0042.JPG" },
        { "size", 123456789012L },
        { "width", 4032 },
        { "ratio", 1.5 },
        { "taken", new BsonDateTime(1_700_000_000_123) },
        { "tags", new BsonArray { "beach", "sunset" } },
        { "hash", new BsonBinary(0, [1, 2, 3]) },
        { "id", BsonObjectId.Parse("65a1b2c3d4e5f60718293a4b") },
        { "price", BsonDecimal128.Parse("12.70") },
        { "quote", "say \"hi\"\\\n\u0001é☆😀" },
    };

    [Fact]
    public void Canonical_text_keeps_every_type_and_the_key_order()
    {
        var json = ExtendedJson.ToCanonical(Sample());

        Assert.StartsWith("{\"name\": \"IMG_0042.JPG\", \"size\": {\"$numberLong\": \"123456789012\"}, \"width\": {\"$numberInt\": \"4032\"}, \"ratio\": {\"$numberDouble\": \"1.5\"}, ", json, StringComparison.Ordinal);
        Assert.Contains("\"taken\": {\"$date\": {\"$numberLong\": \"1700000000123\"}}", json, StringComparison.Ordinal);
        Assert.Contains("\"price\": {\"$numberDecimal\": \"12.70\"}", json, StringComparison.Ordinal);
        Assert.Equal(Sample(), ExtendedJson.Parse(json));
        Assert.Equal(BsonSerializer.Serialize(Sample()), BsonSerializer.Serialize(ExtendedJson.Parse(json)));
    }

    [Fact]
    public void Relaxed_text_uses_plain_numbers_and_iso_dates()
    {
        var json = ExtendedJson.ToRelaxed(Sample());

        Assert.StartsWith("{\"name\": \"IMG_0042.JPG\", \"size\": 123456789012, \"width\": 4032, \"ratio\": 1.5, \"taken\": {\"$date\": \"2023-11-14T22:13:20.123Z\"}, ", json, StringComparison.Ordinal);
        Assert.Equal(Sample(), ExtendedJson.Parse(json));
    }

    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(1e-5, "1E-5")]
    [InlineData(1e300, "1E+300")]
    [InlineData(0.1, "0.1")]
    public void Relaxed_doubles_stay_non_integers_and_read_back_exactly(double value, string text)
    {
        var json = ExtendedJson.ToRelaxed(new BsonDocument("d", value));

        Assert.Equal($"{{\"d\": {text}}}", json);
        Assert.Equal(new BsonDocument("d", value), ExtendedJson.Parse(json));
    }

    [Fact]
    public void Relaxed_dates_outside_years_1970_to_9999_keep_the_canonical_form()
    {
        Assert.Equal("{\"d\": {\"$date\": {\"$numberLong\": \"-1\"}}}", ExtendedJson.ToRelaxed(new BsonDocument("d", new BsonDateTime(-1))));
        Assert.Equal("{\"d\": {\"$date\": \"1970-01-01T00:00:00Z\"}}", ExtendedJson.ToRelaxed(new BsonDocument("d", new BsonDateTime(0))));
    }

    [Theory]
    [InlineData("2012-12-24T12:15:30.501Z", 1356351330501)]
    [InlineData("2012-12-24T12:15:30Z", 1356351330000)]
    [InlineData("2012-12-24T12:15:30.5Z", 1356351330500)]
    [InlineData("2012-12-24T12:15:30.501999Z", 1356351330501)]
    [InlineData("2012-12-24T13:15:30.501+01:00", 1356351330501)]
    [InlineData("2012-12-24T07:15:30.501-0500", 1356351330501)]
    [InlineData("1969-12-31T23:59:59.999Z", -1)]
    public void Iso_dates_are_read_with_any_fraction_and_offset(string iso, long milliseconds)
    {
        var document = ExtendedJson.Parse($"{{\"d\": {{\"$date\": \"{iso}\"}}}}");

        Assert.Equal(new BsonDateTime(milliseconds), document["d"]);
    }

    [Fact]
    public void Integers_take_the_smallest_type_that_holds_them()
    {
        var document = ExtendedJson.Parse("{\"a\": 1, \"b\": 2147483648, \"c\": 9223372036854775808, \"d\": 1.0, \"e\": 1e2}");

        Assert.Equal(new BsonInt32(1), document["a"]);
        Assert.Equal(new BsonInt64(2147483648), document["b"]);
        Assert.Equal(new BsonDouble(9223372036854775808.0), document["c"]);
        Assert.Equal(new BsonDouble(1.0), document["d"]);
        Assert.Equal(new BsonDouble(100.0), document["e"]);
    }

    [Fact]
    public void Key_order_and_duplicate_keys_survive_parsing()
    {
        var document = ExtendedJson.Parse("{\"z\": 1, \"a\": 2, \"z\": 3}");

        Assert.Equal(new[] { "z", "a", "z" }, document.Names);
        Assert.Equal("{\"z\": 1, \"a\": 2, \"z\": 3}", ExtendedJson.ToRelaxed(document));
    }

    [Fact]
    public void Query_operators_and_dbrefs_are_ordinary_documents()
    {
        var document = ExtendedJson.Parse(
            "{\"q\": {\"$regex\": \"^IMG\", \"$options\": \"i\"}, \"t\": {\"$type\": \"string\"}, \"r\": {\"$ref\": \"files\", \"$id\": 5}}");

        Assert.Equal(new BsonDocument { { "$regex", "^IMG" }, { "$options", "i" } }, document["q"]);
        Assert.Equal(new BsonDocument("$type", "string"), document["t"]);
        Assert.Equal(new BsonDocument { { "$ref", "files" }, { "$id", 5 } }, document["r"]);
    }

    [Fact]
    public void A_top_level_object_is_a_document_even_when_it_looks_like_a_wrapper()
    {
        Assert.Equal(new BsonDocument("$numberInt", "5"), ExtendedJson.Parse("{\"$numberInt\": \"5\"}"));
    }

    [Fact]
    public void Uuids_are_read_with_or_without_hyphens_as_binary_subtype_4()
    {
        var expected = new BsonBinary(4, Convert.FromHexString("C8EDABC3F7384CA3B68DAB92A91478A3"));

        Assert.Equal(expected, ExtendedJson.Parse("{\"u\": {\"$uuid\": \"c8edabc3-f738-4ca3-b68d-ab92a91478a3\"}}")["u"]);
        Assert.Equal(expected, ExtendedJson.Parse("{\"u\": {\"$uuid\": \"C8EDABC3F7384CA3B68DAB92A91478A3\"}}")["u"]);
    }

    [Fact]
    public void Regular_expression_options_are_kept_in_alphabetical_order()
    {
        var document = ExtendedJson.Parse("{\"r\": {\"$regularExpression\": {\"options\": \"xmi\", \"pattern\": \"a+\"}}}");

        Assert.Equal("imx", ((BsonRegularExpression)document["r"]).Options);
        Assert.Equal("{\"r\": {\"$regularExpression\": {\"pattern\": \"a+\", \"options\": \"imx\"}}}", ExtendedJson.ToCanonical(document));
    }

    [Fact]
    public void NaN_reads_as_the_quiet_nan_other_drivers_write()
    {
        var document = ExtendedJson.Parse("{\"d\": {\"$numberDouble\": \"NaN\"}}");

        Assert.Equal(0x7FF8000000000000, BitConverter.DoubleToInt64Bits(document["d"].AsDouble));
    }

    [Fact]
    public void Unpaired_surrogates_are_escaped_rather_than_written_raw()
    {
        Assert.Equal("{\"s\": \"a\\ud800b\"}", ExtendedJson.ToCanonical(new BsonDocument("s", "a\ud800b")));
    }

    [Theory]
    [InlineData("[1, 2]")]
    [InlineData("\"text\"")]
    [InlineData("{\"a\": }")]
    [InlineData("{\"a\": 1,}")]
    [InlineData("{\"a\": 1} {\"b\": 2}")]
    [InlineData("{\"a\": {\"$binary\": \"AQID\", \"$type\": \"00\"}}")]
    [InlineData("{\"a\": {\"$date\": 1356351330501}}")]
    [InlineData("{\"a\": {\"$date\": \"2012-12-24 12:15:30Z\"}}")]
    [InlineData("{\"a\": {\"$date\": \"2012-02-30T00:00:00Z\"}}")]
    [InlineData("{\"a\": {\"$oid\": \"65a1b2c3d4e5f60718293a4\"}}")]
    [InlineData("{\"a\": {\"$numberInt\": \"2147483648\"}}")]
    [InlineData("{\"a\": {\"$numberInt\": \"+1\"}}")]
    [InlineData("{\"a\": {\"$numberLong\": \"1.0\"}}")]
    [InlineData("{\"a\": {\"$numberDouble\": \"inf\"}}")]
    [InlineData("{\"a\": {\"$numberDouble\": \" 1.0\"}}")]
    [InlineData("{\"a\": {\"$binary\": {\"base64\": \"AQI\", \"subType\": \"00\"}}}")]
    [InlineData("{\"a\": {\"$binary\": {\"base64\": \"AQI=\", \"subType\": \"100\"}}}")]
    [InlineData("{\"a\": {\"$timestamp\": {\"t\": -1, \"i\": 0}}}")]
    [InlineData("{\"a\": {\"$timestamp\": {\"t\": 1.0, \"i\": 0}}}")]
    [InlineData("{\"a\": {\"$scope\": {}}}")]
    [InlineData("{\"a\": {\"$code\": \"x\", \"$code\": \"y\"}}")]
    [InlineData("{\"a\": {\"$code\": \"x\", \"$scope\": {\"$oid\": \"65a1b2c3d4e5f60718293a4b\"}}}")]
    [InlineData("{\"a\": {\"$undefined\": false}}")]
    [InlineData("{\"a\": {\"$maxKey\": 1.0}}")]
    [InlineData("{\"a\": \"\\ud800\"}")]
    public void Malformed_text_is_a_format_error(string json)
    {
        Assert.Throws<BsonFormatException>(() => ExtendedJson.Parse(json));
    }

    [Fact]
    public void Text_that_is_not_valid_utf16_is_a_format_error()
    {
        Assert.Throws<BsonFormatException>(() => ExtendedJson.Parse("{\"a\": \"\ud800\"}"));
    }

    [Fact]
    public void Nesting_is_read_to_200_levels_and_refused_beyond()
    {
        static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\": ", depth - 1)) + "{}" + new string('}', depth - 1);

        Assert.NotNull(ExtendedJson.Parse(Nested(200)));
        Assert.Throws<BsonFormatException>(() => ExtendedJson.Parse(Nested(201)));
    }
}
