using Rayray.Core.Documents;
using Rayray.Core.Formats;
using Rayray.Core.Storage;
using Rayray.Core.Writing.Stacking;

namespace Rayray.Core.Writing;

/// <summary>
/// The rules of a batch, in one place for every store. Given the documents read from the files
/// (one location each) and what the store holds of the contents they touch, it plays the batch
/// out in order and says what to write:
/// <list type="bullet">
/// <item>content is identified by its hash: a new hash is a new document, a known one gains or
/// refreshes the location, keeping its id and first ingestion time;</item>
/// <item>a path whose bytes changed moves from its old content to the new one;</item>
/// <item>copies of the same bytes are one document with several locations, named after the path
/// it was first found under while that path still holds it;</item>
/// <item>content left without any location becomes missing, or is deleted (--prune, or the
/// placeholder of a file that could not be read);</item>
/// <item>the halves of a Live Photo are linked both ways;</item>
/// <item>the stacks the batch touches are decided again (<see cref="StackRevision"/>).</item>
/// </list>
/// It reads nothing and writes nothing; a store reads the state, applies the plan, and only
/// translates.
/// </summary>
public static class BatchPlanner
{
    public static WritePlan Plan(IReadOnlyList<MediaDocument> batch, StoredState state, bool prune)
    {
        var contents = new Dictionary<string, PlannedContent>(StringComparer.Ordinal);
        var movedPaths = new Dictionary<string, string>(StringComparer.Ordinal);
        var lastTakenBy = new Dictionary<string, int>(StringComparer.Ordinal);
        var outcomes = new DocumentWriteOutcome[batch.Count];

        PlannedContent? Find(string hash)
        {
            if (contents.TryGetValue(hash, out var planned))
                return planned;
            return state.ByHash(hash) is { } stored ? contents[hash] = PlannedContent.From(stored) : null;
        }

        for (var input = 0; input < batch.Count; input++)
        {
            var document = batch[input];
            var location = document.Locations.Single();
            var hash = document.File.Hash;
            var previous = movedPaths.TryGetValue(location.Path, out var moved) ? moved : state.HashAt(location.Path);

            var target = Find(hash);
            var isNew = target is null;
            if (target is null)
                contents[hash] = target = PlannedContent.New(document);
            target.Take(document, location, input);

            if (previous is not null && previous != hash)
            {
                Find(previous)!.Lose(location.Path, input);
                lastTakenBy[previous] = input;
            }
            movedPaths[location.Path] = hash;
            outcomes[input] = new DocumentWriteOutcome(isNew, previous);
        }

        var orphans = new List<OrphanRelease>();
        foreach (var (hash, input) in lastTakenBy)
        {
            var content = contents[hash];
            if (content.Locations.Count > 0)
                continue;
            var fate = OrphanRelease.FateOf(hash, prune);
            content.Deleted = fate == OrphanFate.Deleted;
            orphans.Add(new OrphanRelease(hash, fate, [.. content.Inputs]));
            outcomes[input] = outcomes[input] with { PreviousContentLeft = fate };
        }

        var ordered = contents.Values.OrderBy(c => c.FirstInput).ToList();
        var partners = PartnersByIdentifier(ordered, state);
        var finals = ordered
            .Where(c => c.Document is not null)
            .Select(c => (Content: c, Linked: Partners(c.Hash, c.ContentIdentifier, c.Kind, partners).ToList()))
            .Select(f => (f.Content, f.Linked, Document: f.Content.Final(f.Linked.Select(p => p.Id))))
            .ToList();
        var releases = ordered
            .Where(c => c.Document is null && c.Lost.Count > 0)
            .Select(c => new PathRelease(c.Hash, [.. c.Lost], [.. c.Inputs], c.Deleted ? null : PrimaryPathChange.After(c.Before!, c.Locations.Select(l => l.Path))))
            .ToList();
        var changed = new Dictionary<string, StackFacts?>(StringComparer.Ordinal);
        foreach (var release in releases.Where(r => r.Renamed is not null))
            changed[release.Hash] = state.ByHash(release.Hash)!.Stack?.MovedTo(release.Renamed!.Path);
        foreach (var content in ordered.Where(c => c.Deleted))
            changed[content.Hash] = null;
        foreach (var (content, _, document) in finals)
            changed[content.Hash] = StackFacts.Of(document);
        var stacks = new StackRevision(state, changed);

        var writes = new List<ContentWrite>();
        var pairLinks = new Dictionary<string, (SortedSet<string> Ids, SortedSet<int> Inputs)>(StringComparer.Ordinal);
        foreach (var (content, linked, document) in finals)
        {
            writes.Add(new ContentWrite(document with { Stack = stacks.StackOf(content.Hash) }, content.Before, [.. content.Written], [.. content.Inputs]));
            foreach (var partner in linked.Where(p => !contents.TryGetValue(p.Hash, out var planned) || planned.Document is null))
            {
                if (!pairLinks.TryGetValue(partner.Hash, out var link))
                    pairLinks[partner.Hash] = link = (new SortedSet<string>(StringComparer.Ordinal), []);
                link.Ids.Add(content.Id);
                link.Inputs.UnionWith(content.Inputs);
            }
        }
        return new WritePlan(
            writes,
            releases,
            [.. pairLinks.Select(p => new PairLink(p.Key, [.. p.Value.Ids], [.. p.Value.Inputs]))],
            stacks.Changes(finals.Select(f => f.Content.Hash).ToHashSet(StringComparer.Ordinal), InputsByStackKey(finals.Select(f => (StackFacts.KeyOf(f.Document), f.Content.Inputs)))),
            orphans,
            outcomes);
    }

    private static Dictionary<string, SortedSet<int>> InputsByStackKey(IEnumerable<(string? Key, SortedSet<int> Inputs)> written)
    {
        var byKey = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        foreach (var (key, inputs) in written.Where(w => w.Key is not null))
        {
            if (!byKey.TryGetValue(key!, out var set))
                byKey[key!] = set = [];
            set.UnionWith(inputs);
        }
        return byKey;
    }

    private sealed record Partner(string Hash, string Id, MediaKind Kind);

    /// <summary>Every content that may be half of a Live Photo after the batch: as read, overlaid by the batch's.</summary>
    private static Dictionary<string, List<Partner>> PartnersByIdentifier(List<PlannedContent> planned, StoredState state)
    {
        var byHash = new Dictionary<string, (string? Identifier, Partner Partner)>(StringComparer.Ordinal);
        foreach (var stored in state.Contents)
            byHash[stored.Hash] = (stored.ContentIdentifier, new Partner(stored.Hash, stored.Id, stored.Kind));
        foreach (var content in planned)
        {
            if (content.Deleted)
                byHash.Remove(content.Hash);
            else
                byHash[content.Hash] = (content.ContentIdentifier, new Partner(content.Hash, content.Id, content.Kind));
        }
        return byHash.Values
            .Where(p => LivePhotoPairs.MayPair(p.Identifier, p.Partner.Kind))
            .GroupBy(p => p.Identifier!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Partner).ToList(), StringComparer.Ordinal);
    }

    private static IEnumerable<Partner> Partners(string hash, string? identifier, MediaKind kind, Dictionary<string, List<Partner>> partners) =>
        LivePhotoPairs.MayPair(identifier, kind) && partners.TryGetValue(identifier!, out var candidates)
            ? candidates.Where(p => p.Hash != hash && LivePhotoPairs.ArePair(identifier, kind, identifier, p.Kind))
            : [];

    /// <summary>One content as the batch plays out over it.</summary>
    private sealed class PlannedContent
    {
        private PlannedContent(string hash, StoredContent? before, string id, string firstPath, DateTime ingested, MediaKind kind, string? contentIdentifier, int firstInput)
        {
            Hash = hash;
            Before = before;
            Id = id;
            FirstPath = firstPath;
            Ingested = ingested;
            Kind = kind;
            ContentIdentifier = contentIdentifier;
            FirstInput = firstInput;
            Locations = before is null ? [] : [.. before.Locations];
        }

        public string Hash { get; }
        public StoredContent? Before { get; }
        public string Id { get; }
        public MediaKind Kind { get; private set; }
        public string? ContentIdentifier { get; private set; }
        public int FirstInput { get; private set; }
        public bool Deleted { get; set; }

        /// <summary>The document as the latest input read it; null while only paths are taken from this content.</summary>
        public MediaDocument? Document { get; private set; }

        public List<FileLocation> Locations { get; }
        public List<FileLocation> Written { get; } = [];
        public List<string> Lost { get; } = [];
        public SortedSet<int> Inputs { get; } = [];

        /// <summary>The path the content was first found under, which names it while it still holds the content.</summary>
        private string FirstPath { get; }
        private DateTime Ingested { get; }

        public static PlannedContent From(StoredContent stored) =>
            new(stored.Hash, stored, stored.Id, stored.PrimaryPath, stored.Ingested, stored.Kind, stored.ContentIdentifier, int.MaxValue);

        public static PlannedContent New(MediaDocument document) =>
            new(document.File.Hash, null, document.Id, document.Locations.Single().Path, document.Timestamps.Ingested, document.Kind, document.ContentIdentifier, int.MaxValue);

        public void Take(MediaDocument document, FileLocation location, int input)
        {
            Document = document;
            Kind = document.Kind;
            ContentIdentifier = document.ContentIdentifier;
            Locations.RemoveAll(l => l.Path == location.Path);
            Locations.Add(location);
            Written.RemoveAll(l => l.Path == location.Path);
            Written.Add(location);
            Lost.Remove(location.Path);
            Touch(input);
        }

        public void Lose(string path, int input)
        {
            Locations.RemoveAll(l => l.Path == path);
            Written.RemoveAll(l => l.Path == path);
            if (Before?.Locations.Any(l => l.Path == path) == true && !Lost.Contains(path))
                Lost.Add(path);
            Touch(input);
        }

        private void Touch(int input)
        {
            Inputs.Add(input);
            FirstInput = Math.Min(FirstInput, input);
        }

        public MediaDocument Final(IEnumerable<string> partnerIds)
        {
            var document = Document!;
            var file = document.File;
            if (file.Path != FirstPath && Locations.Exists(l => l.Path == FirstPath))
            {
                file = file with
                {
                    Path = FirstPath,
                    Name = Path.GetFileName(FirstPath),
                    Ext = MediaFormats.ExtensionOf(FirstPath).ToLowerInvariant(),
                };
            }
            return document with
            {
                Id = Id,
                File = file,
                Locations = [.. Locations.OrderBy(l => l.Path, StringComparer.Ordinal)],
                Timestamps = document.Timestamps with { Ingested = Ingested },
                PairedWith = [.. partnerIds.Order(StringComparer.Ordinal)],
            };
        }
    }
}
