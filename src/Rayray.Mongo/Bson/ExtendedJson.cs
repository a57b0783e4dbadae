namespace Rayray.Mongo.Bson;

/// <summary>
/// MongoDB Extended JSON v2 (the extended-json specification): documents to Canonical or Relaxed
/// text, keys in document order, and text in either form back to documents. Every BSON type has a
/// form, the deprecated ones included, so a document survives the round trip through Canonical text.
/// </summary>
public static class ExtendedJson
{
    /// <summary>Type-preserving text: every number, date and special value in its <c>$</c> wrapper.</summary>
    public static string ToCanonical(BsonDocument document) => ExtendedJsonWriter.Write(document, relaxed: false);

    /// <summary>Readable text: finite numbers as JSON numbers, dates from 1970 to 9999 as ISO-8601 strings.</summary>
    public static string ToRelaxed(BsonDocument document) => ExtendedJsonWriter.Write(document, relaxed: true);

    /// <summary>
    /// Reads Canonical or Relaxed Extended JSON (not the legacy forms such as <c>{"$binary": "…", "$type": "00"}</c>).
    /// Keeps key order and duplicate keys; throws <see cref="BsonFormatException"/> on malformed JSON or type wrappers.
    /// </summary>
    public static BsonDocument Parse(string json) => ExtendedJsonReader.Parse(json);
}
