using MongoDB.Bson;
using MongoDB.Driver;
using Rayray.Core.Documents;
using Rayray.Core.Storage;
using Rayray.Core.Writing;
using Rayray.Core.Writing.Stacking;

namespace Rayray.Storage.Mongo;

/// <summary>
/// The planner's operations as the driver's write models. Every filter carries <c>file.hash</c>,
/// the shard key of a sharded <c>media_files</c>, so each statement goes to one shard and no
/// multi-document transaction is needed.
/// <list type="bullet">
/// <item>A content written whole is a replacement upserted on <c>_id</c> + <c>file.hash</c> <i>and the
/// locations it was read with</i>: if another scanner changed it in between, the filter matches
/// nothing, the upsert collides on the unique key (11000), and the batch reads it again.</item>
/// <item>Paths lost: <c>$pull</c>; Live Photo partners gained: <c>$addToSet</c>; a stack changed: <c>$set</c> or <c>$unset</c>.</item>
/// <item>Orphans: marked missing or deleted only while they still have no location.</item>
/// </list>
/// </summary>
internal static class MongoWriteModels
{
    /// <summary>A model and the batch inputs it stands for.</summary>
    /// <param name="IsReplacement">A conditional replacement, whose duplicate-key error means "changed meanwhile".</param>
    public sealed record Owned(WriteModel<BsonDocument> Model, IReadOnlyList<int> Inputs, bool IsReplacement);

    /// <summary>Everything of a plan but its orphans, which go after these have been applied.</summary>
    public static List<Owned> For(WritePlan plan, MongoState state)
    {
        var models = new List<Owned>();
        foreach (var write in plan.Writes)
            models.Add(new Owned(Replace(write, state), write.Inputs, true));
        foreach (var release in plan.Releases)
            models.Add(new Owned(Release(release), release.Inputs, false));
        foreach (var link in plan.PairLinks)
        {
            var update = new BsonDocument("$addToSet", new BsonDocument("pairedWith", new BsonDocument("$each", new BsonArray(link.PartnerIds))));
            models.Add(new Owned(new UpdateOneModel<BsonDocument>(ByHash(link.Hash), update), link.Inputs, false));
        }
        models.AddRange(plan.StackChanges.Select(change => new Owned(Stack(change), change.Inputs, false)));
        return models;
    }

    public static UpdateOneModel<BsonDocument> Stack(StackChange change) =>
        new(ByHash(change.Hash), change.Stack is { } stack
            ? new BsonDocument("$set", new BsonDocument("stack", new BsonDocument { { "id", stack.Id }, { "role", SchemaNames.Of(stack.Role) } }))
            : new BsonDocument("$unset", new BsonDocument("stack", "")));

    public static UpdateOneModel<BsonDocument> Release(PathRelease release)
    {
        var update = new BsonDocument("$pull", new BsonDocument("locations",
            new BsonDocument("path", new BsonDocument("$in", new BsonArray(release.Paths)))));
        if (release.Renamed is { } renamed)
        {
            update["$set"] = new BsonDocument { { "file.path", renamed.Path }, { "file.name", renamed.Name }, { "file.ext", renamed.Ext } };
            if (renamed.StackKey is { } key)
                update["$set"][MongoDocuments.StackKeyField] = key;
            else
                update["$unset"] = new BsonDocument(MongoDocuments.StackKeyField, "");
        }
        return new(ByHash(release.Hash), update);
    }

    public static WriteModel<BsonDocument> Orphan(OrphanRelease orphan)
    {
        var stillWithout = ByHash(orphan.Hash).Add("locations", new BsonDocument("$size", 0));
        return orphan.Fate == OrphanFate.Deleted
            ? new DeleteOneModel<BsonDocument>(stillWithout)
            : new UpdateOneModel<BsonDocument>(stillWithout, new BsonDocument("$set", new BsonDocument("status", SchemaNames.Of(DocumentStatus.Missing))));
    }

    private static ReplaceOneModel<BsonDocument> Replace(ContentWrite write, MongoState state)
    {
        var body = DocumentBson.FromJson(DocumentJson.SerializeToUtf8(write.Document));
        foreach (var location in MongoDocuments.Locations(body))
            location[MongoDocuments.FolderField] = LocationFolder.Of(MongoDocuments.PathOf(location));
        if (write.Document.Tags.Count > 0)
            body[MongoDocuments.TagKeysField] = new BsonArray(TagPath.Keys(write.Document.Tags).Select(MongoDocuments.TagKey).Distinct(StringComparer.Ordinal));
        if (StackFacts.KeyOf(write.Document) is { } stackKey)
            body[MongoDocuments.StackKeyField] = stackKey;
        BsonValue id = write.Document.Id;
        BsonValue locations = new BsonDocument("$exists", false);
        if (write.Before is not null && state.Read.TryGetValue(write.Hash, out var read))
            (id, locations) = (read.Id, read.Locations);
        body["_id"] = id;
        var filter = new BsonDocument { { "_id", id }, { "file.hash", write.Hash }, { "locations", locations } };
        return new ReplaceOneModel<BsonDocument>(filter, body) { IsUpsert = true };
    }

    private static BsonDocument ByHash(string hash) => new("file.hash", hash);
}
