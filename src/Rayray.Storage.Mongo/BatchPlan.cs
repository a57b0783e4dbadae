using Rayray.Core.Documents;
using Rayray.Mongo.Bson;

namespace Rayray.Storage.Mongo;

/// <summary>
/// One batch played out in memory over the documents it touches, as read just before: the statements
/// to send, which inputs each statement stands for, and what each input found.
/// </summary>
internal sealed class BatchPlan
{
    /// <param name="IsReplacement">A conditional replacement, whose duplicate-key error means "changed meanwhile".</param>
    public sealed record StatementOwner(bool IsReplacement, IReadOnlyList<int> Inputs);

    public List<BsonDocument> Statements { get; } = [];
    public List<StatementOwner> Owners { get; } = [];
    public Dictionary<int, bool> NewContent { get; } = [];
    public Dictionary<int, string?> PreviousHash { get; } = [];

    /// <summary>Contents that lost a path to this batch and may have none left, with the input that took the last one.</summary>
    public Dictionary<string, int> OrphanCandidates { get; } = new(StringComparer.Ordinal);

    private sealed class Content(string hash)
    {
        public string Hash { get; } = hash;
        public BsonValue? ReadId { get; init; }
        public BsonArray? ReadLocations { get; init; }
        public BsonDocument? ReadFile { get; init; }

        /// <summary>The file facts the content was first known under: as read, else from its first input in this batch.</summary>
        public BsonDocument? FirstFile { get; set; }
        public BsonValue? ReadIngested { get; init; }
        public string? ReadKind { get; init; }
        public string? ReadContentIdentifier { get; init; }
        public List<BsonDocument> Locations { get; init; } = [];
        public MediaDocument? Document { get; set; }
        public BsonDocument? Body { get; set; }
        public List<string> Pulls { get; } = [];
        public List<int> Inputs { get; } = [];
        public int FirstInput { get; set; } = int.MaxValue;

        public string Id => Document?.Id ?? ReadId?.ToString() ?? "";
        public string? Kind => Document is { } d ? SchemaNames.Of(d.Kind) : ReadKind;
        public string? ContentIdentifier => Document is { } d ? d.ContentIdentifier : ReadContentIdentifier;

        public static Content FromRead(BsonDocument stored)
        {
            var file = stored["file"].AsDocument;
            return new Content(file["hash"].AsString)
            {
                ReadId = stored["_id"],
                ReadLocations = stored.GetValueOrDefault("locations") as BsonArray ?? [],
                ReadFile = file,
                FirstFile = file,
                ReadIngested = (stored.GetValueOrDefault("timestamps") as BsonDocument)?.GetValueOrDefault("ingested"),
                ReadKind = stored.GetValueOrDefault("kind") is BsonString kind ? kind.Value : null,
                ReadContentIdentifier = stored.GetValueOrDefault("contentIdentifier") is BsonString id ? id.Value : null,
                Locations = [.. MongoDocuments.Locations(stored)],
            };
        }
    }

    public static async Task<BatchPlan> BuildAsync(MongoCommands commands, IReadOnlyList<MediaDocument> documents, IReadOnlyList<int> pending, CancellationToken cancellationToken)
    {
        var plan = new BatchPlan();
        var inputs = pending.Select(i => (Index: i, Document: documents[i], Body: DocumentBson.FromJson(DocumentJson.SerializeToUtf8(documents[i])))).ToList();

        var contents = new Dictionary<string, Content>(StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        var touched = await commands.FindListAsync(MongoNames.Media,
            new BsonDocument("$or", new BsonArray
            {
                new BsonDocument("file.hash", In(inputs.Select(i => i.Document.File.Hash))),
                new BsonDocument("locations.path", In(inputs.Select(i => i.Document.Locations.Single().Path))),
            }),
            new BsonDocument { { "file", 1 }, { "locations", 1 }, { "timestamps.ingested", 1 }, { "kind", 1 }, { "contentIdentifier", 1 } },
            cancellationToken);
        foreach (var stored in touched)
        {
            var content = Content.FromRead(stored);
            contents[content.Hash] = content;
            foreach (var path in MongoDocuments.LocationPaths(stored))
                owners[path] = content.Hash;
        }
        var partners = await ReadPartnersAsync(commands, inputs.Select(i => i.Document), cancellationToken);
        foreach (var partner in partners.Values)
            contents.TryAdd(partner.Hash, partner);

        foreach (var (index, document, body) in inputs)
        {
            var location = document.Locations.Single();
            var stored = body["locations"].AsArray[0].AsDocument;
            stored.Add(MongoDocuments.FolderField, Path.GetDirectoryName(location.Path) ?? "");
            var hash = document.File.Hash;
            var previous = owners.GetValueOrDefault(location.Path);
            plan.PreviousHash[index] = previous;

            plan.NewContent[index] = !contents.ContainsKey(hash);
            if (!contents.TryGetValue(hash, out var target))
                contents[hash] = target = new Content(hash);
            target.FirstFile ??= body["file"].AsDocument;
            target.Document = document;
            target.Body = body;
            target.Inputs.Add(index);
            target.FirstInput = Math.Min(target.FirstInput, index);
            target.Locations.RemoveAll(l => MongoDocuments.PathOf(l) == location.Path);
            target.Locations.Add(stored);

            if (previous is not null && previous != hash)
            {
                var old = contents[previous];
                old.Locations.RemoveAll(l => MongoDocuments.PathOf(l) == location.Path);
                old.Pulls.Add(location.Path);
                old.Inputs.Add(index);
                old.FirstInput = Math.Min(old.FirstInput, index);
                plan.OrphanCandidates[previous] = index;
            }
            owners[location.Path] = hash;
        }
        foreach (var replaced in contents.Values.Where(c => c.Document is not null))
            plan.OrphanCandidates.Remove(replaced.Hash);

        var pairs = new Dictionary<string, (SortedSet<string> Ids, List<int> Inputs)>(StringComparer.Ordinal);
        foreach (var content in contents.Values.Where(c => c.Document is not null || c.Pulls.Count > 0).OrderBy(c => c.FirstInput))
        {
            if (content.Document is null)
            {
                plan.Add(MongoBatchWriter.PullPaths(content.Hash, content.Pulls), false, content.Inputs);
                continue;
            }
            var body = content.Body!;
            body["locations"] = new BsonArray(content.Locations);
            if (content.ReadId is { } id)
                body["_id"] = id;
            if (content.ReadIngested is { } ingested && body.GetValueOrDefault("timestamps") is BsonDocument timestamps)
                timestamps["ingested"] = ingested;
            KeepFirstName(content, body);

            var linked = Partners(content, contents.Values).ToList();
            if (linked.Count > 0)
            {
                body["pairedWith"] = new BsonArray(linked.Select(p => (BsonValue)p.Id).Order());
                foreach (var partner in linked.Where(p => p.Document is null))
                {
                    if (!pairs.TryGetValue(partner.Hash, out var entry))
                        pairs[partner.Hash] = entry = (new SortedSet<string>(StringComparer.Ordinal), []);
                    entry.Ids.Add(content.Id);
                    entry.Inputs.AddRange(content.Inputs);
                }
            }

            var filter = new BsonDocument
            {
                { "_id", content.ReadId ?? content.Document.Id },
                { "file.hash", content.Hash },
                { "locations", content.ReadLocations ?? (BsonValue)new BsonDocument("$exists", false) },
            };
            plan.Add(MongoCommands.Update(filter, body, upsert: true), true, content.Inputs);
        }
        foreach (var (hash, (ids, pairInputs)) in pairs)
        {
            plan.Add(MongoCommands.Update(
                new BsonDocument("file.hash", hash),
                new BsonDocument("$addToSet", new BsonDocument("pairedWith", new BsonDocument("$each", new BsonArray(ids.Select(i => (BsonValue)i)))))),
                false, pairInputs);
        }
        return plan;
    }

    private void Add(BsonDocument statement, bool isReplacement, IReadOnlyList<int> inputs)
    {
        Statements.Add(statement);
        Owners.Add(new StatementOwner(isReplacement, [.. inputs.Distinct()]));
    }

    /// <summary>Copies of the same content keep the name and path it was first found under, while that path still holds it.</summary>
    private static void KeepFirstName(Content content, BsonDocument body)
    {
        if (content.FirstFile?.GetValueOrDefault("path") is not BsonString { Value: var first } || body["file"] is not BsonDocument file)
            return;
        if (file.GetValueOrDefault("path") is BsonString { Value: var now } && now != first && content.Locations.Any(l => MongoDocuments.PathOf(l) == first))
        {
            foreach (var name in new[] { "path", "name", "ext" })
            {
                if (content.FirstFile.GetValueOrDefault(name) is { } value)
                    file[name] = value;
            }
        }
    }

    /// <summary>The other halves of a Live Photo: a still and a movie with the same content identifier (never two stills).</summary>
    private static IEnumerable<Content> Partners(Content content, IEnumerable<Content> all)
    {
        if (content.ContentIdentifier is not { } identifier || content.Kind is not ("image" or "video"))
            return [];
        return all.Where(other => other.Hash != content.Hash && other.ContentIdentifier == identifier && other.Kind is ("image" or "video") && other.Kind != content.Kind);
    }

    private static async Task<Dictionary<string, Content>> ReadPartnersAsync(MongoCommands commands, IEnumerable<MediaDocument> documents, CancellationToken cancellationToken)
    {
        var identifiers = documents
            .Where(d => d.ContentIdentifier is not null && d.Kind is MediaKind.Image or MediaKind.Video)
            .Select(d => d.ContentIdentifier!).Distinct(StringComparer.Ordinal).ToList();
        var partners = new Dictionary<string, Content>(StringComparer.Ordinal);
        if (identifiers.Count == 0)
            return partners;
        var found = await commands.FindListAsync(MongoNames.Media,
            new BsonDocument("contentIdentifier", In(identifiers)),
            new BsonDocument { { "file", 1 }, { "locations", 1 }, { "timestamps.ingested", 1 }, { "kind", 1 }, { "contentIdentifier", 1 } },
            cancellationToken);
        foreach (var stored in found)
        {
            var content = Content.FromRead(stored);
            partners[content.Hash] = content;
        }
        return partners;
    }

    private static BsonDocument In(IEnumerable<string> values) =>
        new("$in", new BsonArray(values.Distinct(StringComparer.Ordinal).Select(v => (BsonValue)v)));
}
