using Rayray.Mongo.Bson;

namespace Rayray.Mongo.Tests.Bson;

public sealed class BsonBinaryTests
{
    [Fact]
    public void A_nested_document_with_every_type_round_trips_to_the_same_values_and_bytes()
    {
        var document = EveryType.Document();
        var bytes = BsonSerializer.Serialize(document);

        var read = BsonSerializer.Deserialize(bytes);

        Assert.Equal(document, read);
        Assert.Equal(bytes, BsonSerializer.Serialize(read));
        Assert.Equal("deep", read["codeWithScope"] is BsonJavaScriptWithScope scoped ? scoped.Scope["y"].AsDocument["z"].AsString : null);
        Assert.Equal(new byte[] { 0xFF, 0xFF }, ((BsonBinary)read["oldBinary"]).Bytes);
    }

    [Fact]
    public void Several_documents_back_to_back_are_read_one_after_another()
    {
        var writer = new BsonBinaryWriter();
        writer.WriteDocument(new BsonDocument("n", 1));
        writer.WriteDocument(new BsonDocument("n", 2));
        var bytes = writer.ToArray();

        var at = 0;
        var first = BsonBinaryReader.ReadDocument(bytes, ref at);
        var second = BsonBinaryReader.ReadDocument(bytes, ref at);

        Assert.Equal(1, first["n"].AsInt32);
        Assert.Equal(2, second["n"].AsInt32);
        Assert.Equal(bytes.Length, at);
    }

    [Theory]
    [InlineData("0C000000106100010000", "truncated: the int32 and the terminator are missing")]
    [InlineData("0C000000106100010000000000", "bytes after the end of the document")]
    [InlineData("0D00000010610001000000", "the size says more bytes than there are")]
    [InlineData("0B000000106100010000000000", "the size says fewer bytes than the elements use")]
    [InlineData("FFFFFFFF00", "a negative size")]
    [InlineData("0C0000001061000100000001", "the terminator is not NUL")]
    [InlineData("0E00000002610002000000E90000", "a string that is not UTF-8")]
    [InlineData("0D0000001061E9000100000000", "a key that is not UTF-8")]
    [InlineData("0E00000002610002000000616200", "a string without its NUL")]
    [InlineData("0E00000002610003000000610000", "a string that eats the terminator")]
    [InlineData("090000000862000200", "a boolean of 2")]
    [InlineData("09000000086200FF00", "a boolean of 255")]
    [InlineData("0A000000106100010000", "an int32 cut short by the end of the document")]
    [InlineData("0800000010616200", "a key that runs into the terminator")]
    [InlineData("0800000020610000", "an unknown element type")]
    public void The_reader_rejects_malformed_bytes(string hex, string what)
    {
        var error = Record.Exception(() => BsonBinaryReader.ReadDocument(Convert.FromHexString(hex)));
        Assert.True(error is BsonFormatException, $"{what}: expected BsonFormatException, got {error?.GetType().Name ?? "a document"}");
    }

    [Fact]
    public void Every_truncation_of_a_valid_document_is_rejected()
    {
        var bytes = BsonSerializer.Serialize(EveryType.Document());
        for (var length = 0; length < bytes.Length; length++)
            Assert.Throws<BsonFormatException>(() => BsonBinaryReader.ReadDocument(bytes.AsSpan(0, length)));
    }

    [Fact]
    public void Nesting_is_read_up_to_the_limit_and_rejected_beyond_it()
    {
        Assert.NotNull(BsonSerializer.Deserialize(Nested(BsonBinaryReader.MaxDepth)));

        var error = Assert.Throws<BsonFormatException>(() => BsonSerializer.Deserialize(Nested(BsonBinaryReader.MaxDepth + 1)));
        Assert.Contains("nested", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_that_contains_itself_is_refused_instead_of_overflowing_the_stack()
    {
        var document = new BsonDocument();
        var array = new BsonArray { document };
        document.Add("self", array);

        Assert.Throws<BsonFormatException>(() => BsonSerializer.Serialize(document));
        Assert.Throws<BsonFormatException>(() => ExtendedJson.ToCanonical(document));
    }

    [Theory]
    [InlineData("a\0b", "^a", "i")]
    [InlineData("a", "^a\0", "i")]
    [InlineData("a", "^a", "i\0")]
    public void Nul_characters_are_refused_in_keys_and_regular_expressions(string key, string pattern, string options)
    {
        Assert.Throws<BsonFormatException>(() => BsonSerializer.Serialize(new BsonDocument(key, new BsonRegularExpression(pattern, options))));
        Assert.Throws<BsonFormatException>(() => BsonSerializer.Serialize(new BsonDocument("sub", new BsonDocument(key, new BsonRegularExpression(pattern, options)))));
    }

    [Fact]
    public void A_string_with_a_lone_surrogate_is_refused_with_a_format_error()
    {
        Assert.Throws<BsonFormatException>(() => BsonSerializer.Serialize(new BsonDocument("a", "\ud800")));
    }

    [Fact]
    public void Regular_expression_options_are_written_in_alphabetical_order()
    {
        var bytes = BsonSerializer.Serialize(new BsonDocument("a", new BsonRegularExpression("abc", "mix")));
        Assert.Equal("100000000B610061626300696D780000", Convert.ToHexString(bytes));
    }

    [Fact]
    public void Duplicate_keys_are_kept_in_order_and_lookup_finds_the_first()
    {
        var bytes = Convert.FromHexString("1700000010666f6f000100000010666f6f000200000000");

        var document = BsonSerializer.Deserialize(bytes);

        Assert.Equal(["foo", "foo"], document.Names);
        Assert.Equal(1, document["foo"].AsInt32);
        Assert.Equal(bytes, BsonSerializer.Serialize(document));
    }

    [Fact]
    public void Decimal128_values_count_as_numbers_for_replies()
    {
        var reply = new BsonDocument { { "ok", BsonDecimal128.Parse("1.0") }, { "n", BsonDecimal128.Parse("3E+1") } };

        Assert.True(reply["ok"].ToBoolean());
        Assert.Equal(30, reply["n"].ToInt64());
        Assert.Equal(30.0, reply["n"].ToDouble());
    }

    [Fact]
    public void Dates_before_1970_round_down_to_the_millisecond()
    {
        var instant = DateTime.UnixEpoch.AddTicks(-1);
        Assert.Equal(-1, BsonDateTime.From(instant).MillisecondsSinceEpoch);
        Assert.Equal(1356351330501, BsonDateTime.From(new DateTime(2012, 12, 24, 12, 15, 30, 501, DateTimeKind.Utc).AddTicks(9999)).MillisecondsSinceEpoch);
    }

    /// <summary>{"0": [{"0": [ … {"x": 1} … ]}]} with <paramref name="depth"/> documents and arrays below the outermost one.</summary>
    private static byte[] Nested(int depth)
    {
        // Built by hand: the writer refuses what the reader refuses.
        byte[] elements = [0x10, (byte)'x', 0, 1, 0, 0, 0];
        for (var level = 0; level < depth; level++)
            elements = [level % 2 == 0 ? (byte)0x03 : (byte)0x04, (byte)'0', 0, .. Frame(elements)];
        return Frame(elements);
    }

    private static byte[] Frame(byte[] elements)
    {
        var size = elements.Length + 5;
        return [(byte)size, (byte)(size >> 8), (byte)(size >> 16), (byte)(size >> 24), .. elements, 0];
    }
}
