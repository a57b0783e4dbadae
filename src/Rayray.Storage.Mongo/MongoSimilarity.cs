using System.Numerics;
using Rayray.Core.Query;
using MongoDB.Bson;

namespace Rayray.Storage.Mongo;

/// <summary>
/// <c>similar:</c> as a filter every MongoDB from 3.6 runs (<c>$expr</c>; <c>$indexOfCP</c>, <c>$substrCP</c> and
/// <c>$arrayElemAt</c> are older). MongoDB has no popcount and, before 6.3, no <c>$bitXor</c>, but the target's hash
/// is known when the query is built: the distance is the sum, over the 16 hex digits of the stored
/// <c>perceptualHash</c>, of a 16-entry table made for that digit of the target (table[v] = the bits v differs from
/// it in). So documents keep the hash only as the string they show, and no index is used: every image's hash is
/// looked at, as on SQLite.
/// </summary>
internal static class MongoSimilarity
{
    private const string HexDigits = "0123456789abcdef";

    public static BsonDocument Within(SimilarHashNode similar)
    {
        var digits = new BsonArray();
        for (var k = 0; k < 16; k++)
        {
            var target = (int)((similar.Hash >> (60 - (4 * k))) & 0xF);
            var table = new BsonArray(Enumerable.Range(0, 16).Select(v => BitOperations.PopCount((uint)(v ^ target))));
            var digit = new BsonDocument("$indexOfCP", new BsonArray { HexDigits, new BsonDocument("$substrCP", new BsonArray { "$perceptualHash", k, 1 }) });
            digits.Add(new BsonDocument("$arrayElemAt", new BsonArray { table, digit }));
        }
        var clauses = new BsonArray
        {
            new BsonDocument("perceptualHash", new BsonDocument("$type", "string")),
            new BsonDocument("$expr", new BsonDocument("$lte", new BsonArray { new BsonDocument("$add", digits), similar.MaxDistance })),
        };
        if (similar.ExcludedId is { } id)
            clauses.Add(new BsonDocument("_id", new BsonDocument("$ne", id)));
        return new BsonDocument("$and", clauses);
    }
}
