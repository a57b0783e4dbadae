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
    IReadOnlyList<StackChange> StackChanges,
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
/// first ingestion time, the name it was first found under, its Live Photo partners, its stack.
/// </param>
/// <param name="Before">The content as read before the batch; null when it is new.</param>
/// <param name="Written">The locations this batch read (a subset of the document's).</param>
public sealed record ContentWrite(MediaDocument Document, StoredContent? Before, IReadOnlyList<FileLocation> Written, IReadOnlyList<int> Inputs)
{
    public string Hash => Document.File.Hash;
}

/// <summary>
/// Paths that a content not otherwise written loses (its files changed or vanished). When it loses the path it
/// is named after but keeps others, <see cref="Renamed"/> says what it is named now.
/// </summary>
public sealed record PathRelease(string Hash, IReadOnlyList<string> Paths, IReadOnlyList<int> Inputs, PrimaryPathChange? Renamed = null);

/// <summary>
/// A content's new <c>file.path</c> (and name, extension and stack key with it): the first of its remaining
/// locations in path order, once the path it was named after is gone.
/// </summary>
public sealed record PrimaryPathChange(string Path, string? StackKey)
{
    public string Name => System.IO.Path.GetFileName(Path);
    public string Ext => Formats.MediaFormats.ExtensionOf(Path).ToLowerInvariant();

    /// <summary>The change when <paramref name="before"/> loses its primary path and keeps <paramref name="remaining"/>; null otherwise.</summary>
    public static PrimaryPathChange? After(StoredContent before, IEnumerable<string> remaining)
    {
        var first = remaining.Order(StringComparer.Ordinal).FirstOrDefault();
        if (first is null || remaining.Contains(before.PrimaryPath, StringComparer.Ordinal))
            return null;
        return new PrimaryPathChange(first, before.Stack?.MovedTo(first)?.Key);
    }
}

/// <summary>A content not otherwise written that gains Live Photo partners.</summary>
public sealed record PairLink(string Hash, IReadOnlyList<string> PartnerIds, IReadOnlyList<int> Inputs);

/// <summary>A content not otherwise written whose stack changes (null: it now stands alone).</summary>
public sealed record StackChange(string Hash, StackMembership? Stack, IReadOnlyList<int> Inputs);

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
