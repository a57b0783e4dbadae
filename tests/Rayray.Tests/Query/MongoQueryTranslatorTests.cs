using System.Text.Json.Nodes;
using Rayray.Core.Query;
using MongoDB.Bson;
using MongoDB.Bson.IO;
using Rayray.Storage.Mongo;

namespace Rayray.Tests.Query;

/// <summary>
/// The query language to MongoDB filters: each operator's filter, MongoDB's text-search rules
/// (a query it cannot express is refused with a reason), and values that stay values.
/// </summary>
public sealed class MongoQueryTranslatorTests
{
    /// <summary>The filter as compact relaxed extended JSON.</summary>
    private static string Filter(string query) =>
        JsonNode.Parse(MongoQueryTranslator.Translate(QueryParser.Parse(query)).ToJson(new JsonWriterSettings { OutputMode = JsonOutputMode.RelaxedExtendedJson }))!.ToJsonString(Compact);

    private static readonly System.Text.Json.JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Refusal(string query) =>
        Assert.Throws<QuerySyntaxException>(() => MongoQueryTranslator.Translate(QueryParser.Parse(query))).Message;

    [Theory]
    [InlineData("kind:image", """{"kind":"image"}""")]
    [InlineData("iso>=1600", """{"camera.iso":{"$gte":1600.0}}""")]
    [InlineData("width<4000", """{"dimensions.width":{"$lt":4000.0}}""")]
    [InlineData("rating:5", """{"rating":5.0}""")]
    [InlineData("has:gps", """{"location":{"$exists":true}}""")]
    [InlineData("has:tags", """{"tags.0":{"$exists":true}}""")]
    [InlineData("tag:\"Places|France\"", """{"tagKeys":"places|france"}""")]
    [InlineData("tag:Sun*", """{"tagKeys":{"$regularExpression":{"pattern":"^Sun.*\\z","options":"is"}}}""")]
    [InlineData("person:\"Jane Doe\"", """{"people":{"$regularExpression":{"pattern":"^Jane\\ Doe\\z","options":"is"}}}""")]
    [InlineData("has:people", """{"people.0":{"$exists":true}}""")]
    [InlineData("has:lens", """{"camera.lens":{"$exists":true,"$ne":null}}""")]
    [InlineData("copies>1", """{"locations.1":{"$exists":true}}""")]
    [InlineData("copies<=1", """{"locations.1":{"$exists":false}}""")]
    [InlineData("hdr:true", """{"technical.hdr":true}""")]
    [InlineData("path:/photos/2024/**", """{"locations.path":{"$regularExpression":{"pattern":"^/photos/2024/.*\\z","options":"s"}}}""")]
    [InlineData("make:Canon", """{"camera.make":{"$regularExpression":{"pattern":"^Canon\\z","options":"is"}}}""")]
    [InlineData("mime:image/*", """{"file.mimeType":{"$regularExpression":{"pattern":"^image/.*\\z","options":"is"}}}""")]
    [InlineData("taken>=2024-01-01", """{"timestamps.taken":{"$gte":"2024-01-01"}}""")]
    [InlineData("taken:2024", """{"timestamps.taken":{"$gte":"2024-01-01","$lt":"2025-01-01"}}""")]
    [InlineData("!kind:video", """{"$nor":[{"kind":"video"}]}""")]
    [InlineData("kind!=video", """{"$nor":[{"kind":"video"}]}""")]
    public void Each_term_becomes_the_filter_that_means_the_same(string query, string expected) =>
        Assert.Equal(expected, Filter(query));

    [Fact]
    public void And_or_and_parentheses_nest_as_and_or()
    {
        Assert.Equal(
            """{"$or":[{"$and":[{"file.mimeType":{"$regularExpression":{"pattern":"^image/.*\\z","options":"is"}}},{"tagKeys":"anime"}]},{"$and":[{"file.mimeType":{"$regularExpression":{"pattern":"^video/.*\\z","options":"is"}}},{"$nor":[{"tagKeys":"anime"}]}]}]}""",
            Filter("(mime:image/* && tag:anime) || (mime:video/* && !tag:anime)"));
    }

    [Fact]
    public void Near_is_a_geoWithin_centerSphere_in_radians_of_mongodbs_earth()
    {
        var filter = MongoQueryTranslator.Translate(QueryParser.Parse("near:37.7749,-122.4194,5km"));

        var sphere = filter["location"].AsBsonDocument["$geoWithin"].AsBsonDocument["$centerSphere"].AsBsonArray;
        Assert.Equal(-122.4194, sphere[0].AsBsonArray[0].AsDouble);
        Assert.Equal(37.7749, sphere[0].AsBsonArray[1].AsDouble);
        Assert.Equal(5000 / 6_378_100.0, sphere[1].AsDouble, 12);
    }

    [Fact]
    public void A_text_term_ANDed_with_the_rest_is_one_text_search_first()
    {
        Assert.Equal(
            """{"$and":[{"$text":{"$search":"\"golden hour\"","$caseSensitive":false,"$diacriticSensitive":false}},{"location":{"$exists":true}}]}""",
            Filter("\"golden hour\" && has:gps"));
    }

    [Fact]
    public void Several_text_terms_ANDed_become_phrases_mongodb_requires_all_of()
    {
        var search = MongoQueryTranslator.Translate(QueryParser.Parse("sunset && \"golden hour\" && kind:image"))["$and"].AsBsonArray[0].AsBsonDocument["$text"].AsBsonDocument["$search"].AsString;

        Assert.Equal("\"sunset\" \"golden hour\"", search);
    }

    [Fact]
    public void An_or_of_single_words_is_one_text_search_for_any_of_them()
    {
        var search = MongoQueryTranslator.Translate(QueryParser.Parse("(sunset || sunrise) && kind:image"))["$and"].AsBsonArray[0].AsBsonDocument["$text"].AsBsonDocument["$search"].AsString;

        Assert.Equal("sunset sunrise", search);
    }

    [Theory]
    [InlineData("sun*", "whole words only")]
    [InlineData("!sunset", "not under !")]
    [InlineData("sunset || kind:video", "not ORed with other kinds of terms")]
    [InlineData("\"golden hour\" || \"blue hour\"", "cannot OR phrases")]
    [InlineData("(a || b) && (c || d)", "one text search per query")]
    [InlineData("kind:image && (sunset || has:gps)", "not ORed with other kinds of terms")]
    public void A_text_query_mongodb_cannot_express_is_refused_with_what_to_write_instead(string query, string reason) =>
        Assert.Contains(reason, Refusal(query), StringComparison.Ordinal);

    [Theory]
    [InlineData("description:\"') OR 1=1 --\"")]
    [InlineData("make:\"$where\"")]
    [InlineData("label:\"{\\\"$gt\\\": \\\"\\\"}\"")]
    public void Values_that_look_like_code_or_operators_stay_values(string query)
    {
        var filter = MongoQueryTranslator.Translate(QueryParser.Parse(query));

        var condition = Assert.Single(filter).Value;
        var pattern = Assert.IsType<BsonRegularExpression>(condition).Pattern;
        Assert.StartsWith("^", pattern, StringComparison.Ordinal);
        Assert.DoesNotContain(filter.Names, name => name.StartsWith('$'));
        var value = ((CompareNode)QueryParser.Parse(query)).Value;
        Assert.Matches(new System.Text.RegularExpressions.Regex(pattern.Replace(@"\z", "$", StringComparison.Ordinal), System.Text.RegularExpressions.RegexOptions.IgnoreCase), ((TextValue)value).Text);
    }

    [Theory]
    [InlineData("2024-05-01T00:00:00.0000000", "2024-05-01")]
    [InlineData("2024-05-01T10:30:00.0000000", "2024-05-01T10:30")]
    [InlineData("2024-05-01T10:30:15.0000000", "2024-05-01T10:30:15")]
    [InlineData("2024-05-01T10:30:15.2500000", "2024-05-01T10:30:15.25")]
    public void Date_bounds_are_cut_to_what_was_typed_so_times_written_more_briefly_still_compare(string bound, string expected) =>
        Assert.Equal(expected, MongoQueryTranslator.Shortest(bound));
}
