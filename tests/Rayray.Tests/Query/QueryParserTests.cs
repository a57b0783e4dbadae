using Rayray.Core.Query;

namespace Rayray.Tests.Query;

public sealed class QueryParserTests
{
    private static QueryNode P(string text) => QueryParser.Parse(text);

    private static CompareNode Compare(QueryField field, CompareOp op, QueryValue value) => new(field, op, value);

    private static TextValue T(string text) => new(text);

    [Fact]
    public void Field_equality_and_every_comparison_operator()
    {
        Assert.Equal(Compare(QueryFields.Make, CompareOp.Equal, T("Canon")), P("camera.make:Canon"));
        Assert.Equal(Compare(QueryFields.Make, CompareOp.Equal, T("Canon")), P("make=Canon"));
        Assert.Equal(Compare(QueryFields.Iso, CompareOp.GreaterOrEqual, new NumberValue(1600)), P("iso>=1600"));
        Assert.Equal(Compare(QueryFields.Iso, CompareOp.Greater, new NumberValue(1600)), P("iso>1600"));
        Assert.Equal(Compare(QueryFields.Iso, CompareOp.Less, new NumberValue(100)), P("iso<100"));
        Assert.Equal(Compare(QueryFields.Iso, CompareOp.LessOrEqual, new NumberValue(100)), P("iso<=100"));
        Assert.Equal(Compare(QueryFields.Iso, CompareOp.NotEqual, new NumberValue(100)), P("iso!=100"));
        Assert.Equal(Compare(QueryFields.Make, CompareOp.NotEqual, T("Canon")), P("camera.make!=Canon"));
    }

    [Fact]
    public void Shorthands_name_their_fields()
    {
        Assert.Equal(Compare(QueryFields.Tags, CompareOp.Equal, T("anime")), P("tag:anime"));
        Assert.Equal(Compare(QueryFields.Mime, CompareOp.Equal, T("image/*")), P("mime:image/*"));
        Assert.Equal(Compare(QueryFields.Kind, CompareOp.Equal, T("video")), P("kind:VIDEO"));
        Assert.Equal(Compare(QueryFields.Path, CompareOp.Equal, T("/photos/2024/**")), P("path:/photos/2024/**"));
        Assert.Equal(Compare(QueryFields.Copies, CompareOp.Greater, new NumberValue(1)), P("copies>1"));
        Assert.True(((TextValue)((CompareNode)P("mime:image/*")).Value).IsGlob);
    }

    [Fact]
    public void Values_are_typed_by_their_field()
    {
        Assert.Equal(new NumberValue(10_000_000), ((CompareNode)P("size>10MB")).Value);
        Assert.Equal(new NumberValue(1.5 * (1 << 30)), ((CompareNode)P("size<1.5GiB")).Value);
        Assert.Equal(new NumberValue(0.004), ((CompareNode)P("exposure<=1/250")).Value);
        Assert.Equal(new NumberValue(120), ((CompareNode)P("duration>2m")).Value);
        Assert.Equal(new BoolValue(true), ((CompareNode)P("hdr:yes")).Value);
        Assert.Equal(new DateValue("2024-01", "2024-01-01T00:00:00.0000000", "2024-02-01T00:00:00.0000000"), ((CompareNode)P("taken:2024-01")).Value);
        Assert.Equal(new DateValue("2024", "2024-01-01T00:00:00.0000000", "2025-01-01T00:00:00.0000000"), ((CompareNode)P("taken>=2024")).Value);
        Assert.Equal("2024-01-15T10:30:00.0000000", ((DateValue)((CompareNode)P("taken<2024-01-15T10:30")).Value).Start);
    }

    [Fact]
    public void Has_and_near()
    {
        Assert.Equal(new HasNode(QueryFields.Gps), P("has:gps"));
        Assert.Equal(new HasNode(QueryFields.Lens), P("has:camera.lens"));
        Assert.Equal(new NearNode(37.7749, -122.4194, 5000), P("near:37.7749,-122.4194,5km"));
        Assert.Equal(new NearNode(-33.9, 18.4, 250), P("near:-33.9,18.4,250m"));
        Assert.Equal(new NearNode(0, 0, 10), P("near:0,0,10"));
    }

    [Fact]
    public void Quoted_and_bare_words_are_full_text()
    {
        Assert.Equal(new TextNode("golden hour", Phrase: true), P("\"golden hour\""));
        Assert.Equal(new TextNode("sunset", Phrase: false), P("sunset"));
        Assert.Equal(new TextNode("gold", Phrase: false, Prefix: true), P("gold*"));
        Assert.Equal(new TextNode("say \"hi\" \\ bye", Phrase: true), P("\"say \\\"hi\\\" \\\\ bye\""));
        Assert.Equal(new TextNode("two words", Phrase: false), P("two\\ words"));
        Assert.Equal(new TextNode("camera:x", Phrase: false), P("camera\\:x"));
        Assert.Equal(Compare(QueryFields.Description, CompareOp.Equal, T("a (b) \"c\"")), P("description:\"a (b) \\\"c\\\"\""));
    }

    [Fact]
    public void Not_binds_tighter_than_and_which_binds_tighter_than_or()
    {
        var (a, b, c) = (new TextNode("a", false), new TextNode("b", false), new TextNode("c", false));

        Assert.Equal(new OrNode(a, new AndNode(b, c)), P("a || b && c"));
        Assert.Equal(new OrNode(new AndNode(a, b), c), P("a && b || c"));
        Assert.Equal(new AndNode(new NotNode(a), b), P("!a && b"));
        Assert.Equal(new NotNode(new AndNode(a, b)), P("!(a && b)"));
        Assert.Equal(new AndNode(new OrNode(a, b), c), P("(a || b) && c"));
        Assert.Equal(new AndNode(new AndNode(a, b), c), P("a b c"));
        Assert.Equal(new NotNode(new NotNode(a)), P("!!a"));
        Assert.Equal(new OrNode(new OrNode(a, b), c), P("a||b||c"));
    }

    [Fact]
    public void The_design_examples_parse()
    {
        var tagAnime = Compare(QueryFields.Tags, CompareOp.Equal, T("anime"));
        Assert.Equal(
            new OrNode(
                new AndNode(Compare(QueryFields.Mime, CompareOp.Equal, T("image/*")), tagAnime),
                new AndNode(Compare(QueryFields.Mime, CompareOp.Equal, T("video/*")), new NotNode(tagAnime))),
            P("(mime:image/* && tag:anime) || (mime:video/* && !tag:anime)"));
        Assert.IsType<AndNode>(P("camera.make:Canon && iso>=1600 && taken>=2024-01-01"));
        Assert.IsType<AndNode>(P("near:37.7749,-122.4194,5km && kind:image"));
        Assert.IsType<AndNode>(P("\"golden hour\" && has:gps"));
        Assert.IsType<AndNode>(P("path:/photos/2024/** && width>=3840"));
        Assert.IsType<CompareNode>(P("copies>1"));
    }

    [Theory]
    [InlineData("", "the query is empty: expected a term", 1)]
    [InlineData("   ", "the query is empty: expected a term", 4)]
    [InlineData("iso>=", "expected a value after 'iso>='", 6)]
    [InlineData("kind:image && iso>= && x", "expected a value after 'iso>='", 20)]
    [InlineData("tag:", "expected a value after 'tag:'", 5)]
    [InlineData("a &&", "expected a term after '&&' (column 3)", 5)]
    [InlineData("a || || b", "expected a term after '||' (column 3)", 6)]
    [InlineData("&& a", "expected a term", 1)]
    [InlineData("(a || b", "expected ')' to close the '(' at column 1", 8)]
    [InlineData("a)", "unexpected ')' with no '(' to close", 2)]
    [InlineData("()", "expected a term inside '()'", 2)]
    [InlineData("!", "expected a term after '!' (column 1)", 2)]
    [InlineData("\"golden hour", "the quote opened at column 1 is never closed", 13)]
    [InlineData("isso>=100", "unknown field 'isso' (did you mean 'iso'?)", 1)]
    [InlineData("kind:image && camera.maek:Canon", "unknown field 'camera.maek' (did you mean 'camera.make'?)", 15)]
    [InlineData("frobnicate:1", "unknown field 'frobnicate'", 1)]
    [InlineData("has:lenz", "unknown field 'lenz' (did you mean 'lens'?)", 5)]
    [InlineData("iso>=high", "expected a number after 'iso>=', not 'high'", 6)]
    [InlineData("taken>=yesterday", "expected a date such as 2024, 2024-05, 2024-05-01 or 2024-05-01T18:30 after 'taken>=', not 'yesterday'", 8)]
    [InlineData("kind:imgae", "expected image, video, audio or other after 'kind:', not 'imgae'", 6)]
    [InlineData("make>=Canon", "'make>=' compares by order, but camera.make is text: use ':' or '!='", 1)]
    [InlineData("near:91,0,5km", "latitude 91 is outside -90..90", 6)]
    [InlineData("near:10,200,5km", "longitude 200 is outside -180..180", 9)]
    [InlineData("near:10,20", "expected near:latitude,longitude,radius such as near:37.7749,-122.4194,5km, not 'near:10,20'", 6)]
    [InlineData("location:x", "location cannot be compared: use has:location or near:lat,lon,radius", 1)]
    [InlineData("size>10XB", "expected a size such as 2500000, 10MB or 1.5GB after 'size>', not '10XB'", 6)]
    [InlineData("a\\", "a '\\' at the end escapes nothing", 2)]
    public void Malformed_queries_say_what_was_expected_and_where(string text, string problem, int column)
    {
        var error = Assert.Throws<QuerySyntaxException>(() => P(text));

        Assert.Equal(problem, error.Problem);
        Assert.Equal(column, error.Column);
        Assert.Equal($"{problem} at column {column}", error.Message);
    }

    [Fact]
    public void An_injection_attempt_is_just_a_value()
    {
        Assert.Equal(Compare(QueryFields.Make, CompareOp.Equal, T("x') OR 1=1 --")), P("make:\"x') OR 1=1 --\""));
        Assert.Equal(new TextNode("'; DROP TABLE media_files; --", true), P("\"'; DROP TABLE media_files; --\""));
    }

    [Fact]
    public void Similar_takes_a_target_and_an_optional_distance()
    {
        Assert.Equal(new SimilarNode("4f1c2a9b8e7d6c5b4a392817", Rayray.Core.Documents.PerceptualHash.DefaultDistance, 9), QueryParser.Parse("similar:4f1c2a9b8e7d6c5b4a392817"));
        Assert.Equal(new SimilarNode("4f1c2a9b8e7d6c5b4a392817", 8, 9), QueryParser.Parse("similar:4f1c2a9b8e7d6c5b4a392817,8"));
        Assert.Equal(new SimilarNode("/photos/a,b.jpg", 10, 9), QueryParser.Parse("similar:/photos/a,b.jpg"));
    }

    [Fact]
    public void A_similar_distance_beyond_64_bits_points_at_its_column()
    {
        var error = Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse("kind:image similar:4f1c2a9b8e7d6c5b4a392817,65"));
        Assert.Equal(45, error.Column);
    }
}
