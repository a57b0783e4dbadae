using Rayray.Core.Documents;
using Rayray.Core.Similarity;
using Rayray.Core.Storage;
using MongoDB.Bson;
using MongoDB.Driver;

namespace Rayray.Storage.Mongo;

/// <summary><c>rayray stats</c> over MongoDB: each figure one aggregation, grouped on the server.</summary>
internal static class MongoStats
{
    public static async Task<MediaStats> ComputeAsync(IMongoCollection<BsonDocument> media, StatsGrouping? by, CancellationToken cancellationToken)
    {
        var byStatus = await GroupsAsync(media, [], "$status", cancellationToken);
        var notMissing = new BsonDocument("$match", new BsonDocument("status", new BsonDocument("$ne", "missing")));
        var byKind = await GroupsAsync(media, [notMissing], "$kind", cancellationToken);
        long Status(string name) => byStatus.FirstOrDefault(g => g.Key == name)?.Documents ?? 0;

        var copies = new BsonDocument("$size", new BsonDocument("$ifNull", new BsonArray { "$locations", new BsonArray() }));
        var locations = await SingleAsync(media,
        [
            new BsonDocument("$project", new BsonDocument { { "n", copies }, { "bytes", new BsonDocument("$sum", "$locations.size") } }),
            new BsonDocument("$group", new BsonDocument { { "_id", BsonNull.Value }, { "n", Sum("$n") }, { "bytes", Sum("$bytes") } }),
        ], cancellationToken);
        var duplicates = await SingleAsync(media,
        [
            new BsonDocument("$project", new BsonDocument { { "n", copies }, { "size", "$file.size" } }),
            new BsonDocument("$match", new BsonDocument("n", new BsonDocument("$gt", 1))),
            new BsonDocument("$group", new BsonDocument
            {
                { "_id", BsonNull.Value },
                { "groups", Sum(1) },
                { "copies", Sum(new BsonDocument("$subtract", new BsonArray { "$n", 1 })) },
                { "wasted", Sum(new BsonDocument("$multiply", new BsonArray { "$size", new BsonDocument("$subtract", new BsonArray { "$n", 1 }) })) },
            }),
        ], cancellationToken);
        var stacks = await SingleAsync(media,
        [
            new BsonDocument("$match", new BsonDocument("stack.id", new BsonDocument("$exists", true))),
            new BsonDocument("$group", new BsonDocument { { "_id", "$stack.id" }, { "n", Sum(1) } }),
            new BsonDocument("$group", new BsonDocument { { "_id", BsonNull.Value }, { "stacks", Sum(1) }, { "files", Sum("$n") } }),
        ], cancellationToken);
        var withGps = await SingleAsync(media,
        [
            new BsonDocument("$match", new BsonDocument("location", new BsonDocument("$exists", true))),
            new BsonDocument("$count", "n"),
        ], cancellationToken);

        var nearDuplicates = await NearDuplicatesAsync(media, cancellationToken);
        return new MediaStats
        {
            Documents = byStatus.Sum(g => g.Documents),
            Bytes = byStatus.Sum(g => g.Bytes),
            Locations = locations.Number("n"),
            LocationBytes = locations.Number("bytes"),
            Indexed = Status("indexed"),
            Invalid = Status("invalid"),
            Missing = Status("missing"),
            WithGps = withGps.Number("n"),
            DuplicateGroups = duplicates.Number("groups"),
            DuplicateCopies = duplicates.Number("copies"),
            WastedBytes = duplicates.Number("wasted"),
            Stacks = stacks.Number("stacks"),
            StackedFiles = stacks.Number("files"),
            NearDuplicateGroups = nearDuplicates.Groups,
            NearDuplicateImages = nearDuplicates.Images,
            ByKind = byKind.OrderByDescending(g => g.Documents).ToDictionary(g => g.Key, g => g.Documents),
            Groups = by is { } grouping ? await GroupedAsync(media, notMissing, grouping, cancellationToken) : [],
        };
    }

    private static async Task<IReadOnlyList<StatsGroup>> GroupedAsync(IMongoCollection<BsonDocument> media, BsonDocument notMissing, StatsGrouping by, CancellationToken cancellationToken)
    {
        List<StatsGroup> groups;
        if (by == StatsGrouping.Camera)
        {
            // Make and model are grouped on the server and named here: models often repeat the make
            // ("Canon" + "Canon EOS R5"), and $trim would need MongoDB 4.0.
            var pairs = await media.AggregateToListAsync(
            [
                notMissing,
                new BsonDocument("$group", new BsonDocument
                {
                    { "_id", new BsonDocument { { "make", "$camera.make" }, { "model", "$camera.model" } } },
                    { "n", Sum(1) },
                    { "bytes", Sum("$file.size") },
                }),
            ], cancellationToken);
            groups = [.. pairs
                .Select(p => (Key: CameraName(p["_id"].AsBsonDocument), Documents: p.Number("n"), Bytes: p.Number("bytes")))
                .GroupBy(p => p.Key, StringComparer.Ordinal)
                .Select(g => new StatsGroup(g.Key, g.Sum(p => p.Documents), g.Sum(p => p.Bytes)))];
        }
        else if (by == StatsGrouping.Person)
        {
            // One row per person shown (a photo of two counts in both); a document of none keeps a null, the "" group.
            var unwind = new BsonDocument("$unwind", new BsonDocument { { "path", "$people" }, { "preserveNullAndEmptyArrays", true } });
            groups = await GroupsAsync(media, [notMissing, unwind], "$people", cancellationToken);
        }
        else
        {
            BsonValue key = by switch
            {
                StatsGrouping.Kind => "$kind",
                StatsGrouping.Lens => "$camera.lens",
                StatsGrouping.Year => new BsonDocument("$substrCP", new BsonArray { new BsonDocument("$ifNull", new BsonArray { "$timestamps.taken", "" }), 0, 4 }),
                StatsGrouping.Month => new BsonDocument("$substrCP", new BsonArray { new BsonDocument("$ifNull", new BsonArray { "$timestamps.taken", "" }), 0, 7 }),
                StatsGrouping.Author => "$author.name",
                StatsGrouping.Country => "$place.country",
                // Null (the "(none)" group) when either is missing, as on SQLite.
                StatsGrouping.City => new BsonDocument("$concat", new BsonArray { "$place.city", ", ", "$place.countryCode" }),
                _ => "$file.ext",
            };
            groups = await GroupsAsync(media, [notMissing], key, cancellationToken);
        }
        return [.. groups.OrderByDescending(g => g.Documents).ThenBy(g => g.Key, StringComparer.Ordinal)];
    }

    /// <summary>The hashes are streamed from the server (16 hex digits each) and grouped by the one rule in Core.</summary>
    private static async Task<NearDuplicateCount> NearDuplicatesAsync(IMongoCollection<BsonDocument> media, CancellationToken cancellationToken)
    {
        using var cursor = await media.AggregateAsync(
        [
            new BsonDocument("$match", new BsonDocument
            {
                { "perceptualHash", new BsonDocument("$type", "string") },
                { "status", new BsonDocument("$ne", "missing") },
            }),
            new BsonDocument("$project", new BsonDocument { { "_id", 0 }, { "perceptualHash", 1 } }),
        ], cancellationToken);
        var hashes = new List<ulong>();
        while (await cursor.MoveNextAsync(cancellationToken))
        {
            foreach (var document in cursor.Current)
            {
                if (PerceptualHash.TryParse(document.Text("perceptualHash"), out var hash))
                    hashes.Add(hash);
            }
        }
        return NearDuplicateGroups.Count(hashes, PerceptualHash.DefaultDistance);
    }

    private static string CameraName(BsonDocument pair)
    {
        var make = pair.Text("make") ?? "";
        var model = pair.Text("model") ?? "";
        return (model.StartsWith(make, StringComparison.Ordinal) ? model : make + " " + model).Trim();
    }

    private static async Task<List<StatsGroup>> GroupsAsync(IMongoCollection<BsonDocument> media, BsonDocument[] before, BsonValue key, CancellationToken cancellationToken)
    {
        var pipeline = new List<BsonDocument>(before);
        pipeline.Add(new BsonDocument("$group", new BsonDocument { { "_id", key }, { "n", Sum(1) }, { "bytes", Sum("$file.size") } }));
        var groups = await media.AggregateToListAsync(pipeline, cancellationToken);
        // Documents without the value and those with an empty one are the same group, as on SQLite.
        return [.. groups
            .Select(g => (Key: g["_id"] is BsonString text ? text.Value : "", Documents: g.Number("n"), Bytes: g.Number("bytes")))
            .GroupBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new StatsGroup(g.Key, g.Sum(p => p.Documents), g.Sum(p => p.Bytes)))];
    }

    private static async Task<BsonDocument?> SingleAsync(IMongoCollection<BsonDocument> media, IEnumerable<BsonDocument> pipeline, CancellationToken cancellationToken) =>
        (await media.AggregateToListAsync(pipeline, cancellationToken)).FirstOrDefault();

    private static BsonDocument Sum(BsonValue of) => new("$sum", of);
}
