using System.Globalization;
using Rayray.Core.Query;
using MongoDB.Bson;

namespace Rayray.Storage.Mongo;

/// <summary>
/// <c>rayray query</c> as an aggregation: the translated filter first (where <c>$text</c> must be),
/// then the order the SQLite store gives — documents without a sort value last whichever way, then
/// by path — then the page.
/// </summary>
internal static class MongoQueryPipeline
{
    public static List<BsonDocument> Build(MediaQuery query)
    {
        var pipeline = new List<BsonDocument>();
        if (query.Filter is not null)
            pipeline.Add(new BsonDocument("$match", MongoQueryTranslator.Translate(query.Filter)));

        var helpers = new BsonDocument();
        var sort = new BsonDocument();
        for (var i = 0; i < query.Sort.Count; i++)
        {
            var (field, descending) = (query.Sort[i].Field, query.Sort[i].Descending);
            var direction = descending ? -1 : 1;
            var missing = "_rayray_missing" + i.ToString(CultureInfo.InvariantCulture);
            if (field == QueryFields.Copies)
            {
                var copies = "_rayray_copies" + i.ToString(CultureInfo.InvariantCulture);
                helpers.Add(copies, new BsonDocument("$size", new BsonDocument("$ifNull", new BsonArray { "$locations", new BsonArray() })));
                sort.Add(copies, direction);
                continue;
            }
            var path = MongoQueryTranslator.SortPath(field);
            helpers.Add(missing, new BsonDocument("$cond", new BsonArray
            {
                new BsonDocument("$eq", new BsonArray { new BsonDocument("$ifNull", new BsonArray { "$" + path, BsonNull.Value }), BsonNull.Value }),
                1,
                0,
            }));
            sort.Add(missing, 1);
            sort.Add(path, direction);
        }
        if (!sort.Contains("file.path"))
            sort.Add("file.path", 1);
        sort.Add("_id", 1);

        if (helpers.ElementCount > 0)
            pipeline.Add(new BsonDocument("$addFields", helpers));
        pipeline.Add(new BsonDocument("$sort", sort));
        if (query.Skip > 0)
            pipeline.Add(new BsonDocument("$skip", new BsonInt64(query.Skip)));
        if (query.Limit is { } limit)
            pipeline.Add(new BsonDocument("$limit", new BsonInt64(Math.Max(limit, 1))));
        if (helpers.ElementCount > 0)
            pipeline.Add(new BsonDocument("$project", new BsonDocument(helpers.Names.Select(name => new BsonElement(name, 0)))));
        return pipeline;
    }
}
