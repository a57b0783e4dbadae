using Rayray.Mongo.Bson;

namespace Rayray.Mongo.Tests.Bson;

/// <summary>A nested document holding one value of every BSON type, deprecated ones included.</summary>
internal static class EveryType
{
    public static BsonDocument Document()
    {
        var objectId = BsonObjectId.Parse("57e193d7a9cc81b4027498b5");
        return new BsonDocument
        {
            { "_id", objectId },
            { "double", 42.42 },
            { "negativeZero", -0.0 },
            { "string", "stríng ☆ \u0000 inside" },
            { "int32", 42 },
            { "int64", 1L << 40 },
            { "true", true },
            { "false", false },
            { "date", new BsonDateTime(1356351330501) },
            { "beforeEpoch", new BsonDateTime(-284643869501) },
            { "null", BsonNull.Value },
            { "undefined", BsonUndefined.Value },
            { "minKey", BsonMinKey.Value },
            { "maxKey", BsonMaxKey.Value },
            { "binary", new BsonBinary(0x00, [1, 2, 3]) },
            { "oldBinary", new BsonBinary(0x02, [0xFF, 0xFF]) },
            { "uuid", new BsonBinary(0x04, Convert.FromHexString("73ffd26444b34c6990e8e7d1dfc035d4")) },
            { "userBinary", new BsonBinary(0x80, []) },
            { "regex", new BsonRegularExpression("^ab/c\"d", "imx") },
            { "code", new BsonJavaScript("function() { return 1; }") },
            { "codeWithScope", new BsonJavaScriptWithScope("x + y", new BsonDocument { { "x", 1 }, { "y", new BsonDocument("z", "deep") } }) },
            { "symbol", new BsonSymbol("sym") },
            { "dbPointer", new BsonDbPointer("db.collection", objectId) },
            { "timestamp", new BsonTimestamp(4000000000, 7) },
            { "decimal", BsonDecimal128.Parse("-1.050E+4") },
            { "array", new BsonArray { 1, "two", new BsonArray { 3.5, BsonNull.Value }, new BsonDocument("four", 4L) } },
            { "nested", new BsonDocument { { "a", new BsonDocument { { "b", new BsonDocument("c", new BsonArray()) } } }, { "empty", new BsonDocument() } } },
        };
    }
}
