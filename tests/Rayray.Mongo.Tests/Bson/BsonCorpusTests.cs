using System.Text.Json;
using Rayray.Mongo.Bson;
using Rayray.Testing;

namespace Rayray.Mongo.Tests.Bson;

/// <summary>
/// Runs every vector of the BSON corpus (bson-corpus.md in the MongoDB specifications) against the
/// BSON codec, Extended JSON and Decimal128 text, one theory case per vector. Skipped vectors: none.
/// The deprecated types (Undefined, DBPointer, Symbol) are checked like the others, and their
/// converted forms are checked by converting them to the types that replace them.
/// </summary>
public sealed class BsonCorpusTests
{
    private static readonly HashSet<string> FileKeys = ["description", "bson_type", "test_key", "deprecated", "valid", "decodeErrors", "parseErrors"];
    private static readonly HashSet<string> ValidKeys =
    [
        "description", "canonical_bson", "canonical_extjson", "relaxed_extjson", "degenerate_bson", "degenerate_extjson",
        "converted_bson", "converted_extjson", "lossy",
    ];

    public static TheoryData<string, int, string> ValidCases => BsonCorpus.Cases("valid");
    public static TheoryData<string, int, string> DecodeErrorCases => BsonCorpus.Cases("decodeErrors");
    public static TheoryData<string, int, string> ParseErrorCases => BsonCorpus.Cases("parseErrors");

    [SharedCorpusFact]
    public void The_corpus_is_there_and_uses_only_the_keys_these_tests_understand()
    {
        var files = BsonCorpus.FileNames.ToList();
        Assert.Contains("top.json", files);
        Assert.Contains("decimal128-1.json", files);
        foreach (var file in files)
        {
            var corpus = BsonCorpus.File(file);
            Assert.All(corpus.EnumerateObject(), p => Assert.Contains(p.Name, FileKeys));
            if (corpus.TryGetProperty("valid", out var valid))
                Assert.All(valid.EnumerateArray().SelectMany(v => v.EnumerateObject()), p => Assert.Contains(p.Name, ValidKeys));
        }
    }

    /// <summary>The assertions the corpus lists for a codec with a native representation.</summary>
    [SharedCorpusTheory]
    [MemberData(nameof(ValidCases))]
    public void Valid(string file, int index, string description)
    {
        var vector = BsonCorpus.Case(file, "valid", index);
        var canonicalBson = vector.Hex("canonical_bson")!;
        var canonicalJson = vector.Text("canonical_extjson")!;
        var relaxedJson = vector.Text("relaxed_extjson");
        var lossy = vector.Flag("lossy");
        Assert.Equal(description, vector.Text("description"));

        var fromBson = BsonSerializer.Deserialize(canonicalBson);
        AssertBytes(canonicalBson, BsonSerializer.Serialize(fromBson), "canonical BSON → document → BSON");
        JsonEquivalence.AssertEquivalent(canonicalJson, ExtendedJson.ToCanonical(fromBson), "canonical BSON → canonical Extended JSON");
        if (relaxedJson is not null)
            JsonEquivalence.AssertEquivalent(relaxedJson, ExtendedJson.ToRelaxed(fromBson), "canonical BSON → relaxed Extended JSON");

        var fromJson = ExtendedJson.Parse(canonicalJson);
        JsonEquivalence.AssertEquivalent(canonicalJson, ExtendedJson.ToCanonical(fromJson), "canonical Extended JSON → document → canonical Extended JSON");
        if (!lossy)
            AssertBytes(canonicalBson, BsonSerializer.Serialize(fromJson), "canonical Extended JSON → BSON");

        if (vector.Hex("degenerate_bson") is { } degenerateBson)
        {
            var fromDegenerate = BsonSerializer.Deserialize(degenerateBson);
            AssertBytes(canonicalBson, BsonSerializer.Serialize(fromDegenerate), "degenerate BSON → canonical BSON");
            JsonEquivalence.AssertEquivalent(canonicalJson, ExtendedJson.ToCanonical(fromDegenerate), "degenerate BSON → canonical Extended JSON");
        }

        if (vector.Text("degenerate_extjson") is { } degenerateJson)
        {
            var fromDegenerate = ExtendedJson.Parse(degenerateJson);
            JsonEquivalence.AssertEquivalent(canonicalJson, ExtendedJson.ToCanonical(fromDegenerate), "degenerate Extended JSON → canonical Extended JSON");
            if (!lossy)
                AssertBytes(canonicalBson, BsonSerializer.Serialize(fromDegenerate), "degenerate Extended JSON → canonical BSON");
        }

        if (relaxedJson is not null)
            JsonEquivalence.AssertEquivalent(relaxedJson, ExtendedJson.ToRelaxed(ExtendedJson.Parse(relaxedJson)), "relaxed Extended JSON → document → relaxed Extended JSON");

        if (vector.Hex("converted_bson") is { } convertedBson)
        {
            var convertedJson = vector.Text("converted_extjson")!;
            AssertBytes(convertedBson, BsonSerializer.Serialize((BsonDocument)WithoutDeprecatedTypes(fromBson)), "canonical BSON → document without deprecated types → converted BSON");
            JsonEquivalence.AssertEquivalent(convertedJson, ExtendedJson.ToCanonical(BsonSerializer.Deserialize(convertedBson)), "converted BSON → converted Extended JSON");
            AssertBytes(convertedBson, BsonSerializer.Serialize(ExtendedJson.Parse(convertedJson)), "converted Extended JSON → converted BSON");
        }
    }

    [SharedCorpusTheory]
    [MemberData(nameof(DecodeErrorCases))]
    public void Decode_error(string file, int index, string description)
    {
        var vector = BsonCorpus.Case(file, "decodeErrors", index);
        Assert.Equal(description, vector.Text("description"));
        var bytes = vector.Hex("bson")!;
        Assert.Throws<BsonFormatException>(() => BsonSerializer.Deserialize(bytes));
    }

    /// <summary>Decimal128 vectors go to its text parser (and through $numberDecimal); the others to the Extended JSON parser.</summary>
    [SharedCorpusTheory]
    [MemberData(nameof(ParseErrorCases))]
    public void Parse_error(string file, int index, string description)
    {
        var vector = BsonCorpus.Case(file, "parseErrors", index);
        Assert.Equal(description, vector.Text("description"));
        var text = vector.Text("string")!;
        switch (BsonCorpus.File(file).GetProperty("bson_type").GetString())
        {
            case "0x13":
                Assert.Throws<BsonFormatException>(() => BsonDecimal128.Parse(text));
                var wrapped = $"{{\"d\": {{\"$numberDecimal\": {JsonSerializer.Serialize(text)}}}}}";
                Assert.Throws<BsonFormatException>(() => ExtendedJson.Parse(wrapped));
                break;
            case "0x00" or "0x05":
                // The corpus means these to be valid JSON that is invalid Extended JSON.
                using (JsonDocument.Parse(text))
                    Assert.Throws<BsonFormatException>(() => ExtendedJson.Parse(text));
                break;
            case var other:
                Assert.Fail($"no parser is defined for parse errors of BSON type {other}");
                break;
        }
    }

    /// <summary>The conversion the corpus's converted_bson shows: Symbol to String, Undefined to Null, DBPointer to a DBRef.</summary>
    private static BsonValue WithoutDeprecatedTypes(BsonValue value) => value switch
    {
        BsonSymbol symbol => new BsonString(symbol.Name),
        BsonUndefined => BsonNull.Value,
        BsonDbPointer pointer => new BsonDocument { { "$ref", pointer.Namespace }, { "$id", pointer.Id } },
        BsonDocument document => new BsonDocument(document.Select(e => new BsonElement(e.Name, WithoutDeprecatedTypes(e.Value)))),
        BsonArray array => new BsonArray(array.Select(WithoutDeprecatedTypes)),
        _ => value,
    };

    private static void AssertBytes(byte[] expected, byte[] actual, string what)
    {
        if (!expected.AsSpan().SequenceEqual(actual))
            Assert.Fail($"{what}\nexpected: {Convert.ToHexString(expected)}\nactual:   {Convert.ToHexString(actual)}");
    }
}
