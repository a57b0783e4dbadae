using Rayray.Core.Documents;
using Rayray.Core.Extraction;
using Rayray.Core.Storage;

namespace Rayray.Core.Writing;

/// <summary>
/// What a batch does to the store, decided by <see cref="BatchPlanner"/>: the operations a store
/// applies in one transaction or one bulk write, and what each input document will have done.
/// Every operation names the inputs it stands for, so a store that cannot apply it knows which
/// documents failed. <see cref="Orphans"/> are applied after everything else.
/// </summary>
public sealed record WritePlan(
    IReadOnlyList<ContentWrite> Writes,
    IReadOnlyList<PathRelease> Releases,
    IReadOnlyList<PairLink> PairLinks,
    IReadOnlyList<OrphanRelease> Orphans,
    IReadOnlyList<DocumentWriteOutcome> Outcomes)
{
    /// <summary>What each input did, when the whole plan was applied.</summary>
    public BatchWriteResult Result => new(Outcomes);
}

/// <summary>
/// One content written whole: a new document, or a known one with its new locations and the
/// document read from the files now.
/// </summary>
/// <param name="Document">
/// The document as it must be stored: every location it has after the batch, the stored id and
/// first ingestion time, the name it was first found under, its Live Photo partners.
/// </param>
/// <param name="Before">The content as read before the batch; null when it is new.</param>
/// <param name="Written">The locations this batch read (a subset of the document's).</param>
public sealed record ContentWrite(MediaDocument Document, StoredContent? Before, IReadOnlyList<FileLocation> Written, IReadOnlyList<int> Inputs)
{
    public string Hash => Document.File.Hash;
}

/// <summary>Paths that a content not otherwise written loses to other content (its files changed).</summary>
public sealed record PathRelease(string Hash, IReadOnlyList<string> Paths, IReadOnlyList<int> Inputs);

/// <summary>A content not otherwise written that gains Live Photo partners.</summary>
public sealed record PairLink(string Hash, IReadOnlyList<string> PartnerIds, IReadOnlyList<int> Inputs);

/// <summary>
/// A content left without any location: kept as <c>missing</c> (its tags and history survive an
/// unplugged drive) or deleted. A store applies it only if the content still has no location,
/// since another scanner may have added one meanwhile.
/// </summary>
public sealed record OrphanRelease(string Hash, OrphanFate Fate, IReadOnlyList<int> Inputs)
{
    /// <summary>
    /// Deleted with --prune, and always when it is the placeholder of a file that could not be read
    /// (it means nothing once the file is read or gone); otherwise kept as missing.
    /// </summary>
    public static OrphanFate FateOf(string hash, bool prune) =>
        prune || UnreadableHash.IsPlaceholder(hash) ? OrphanFate.Deleted : OrphanFate.Missing;
}
