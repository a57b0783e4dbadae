using Rayray.Core.Documents;
using Rayray.Core.Writing.Stacking;

namespace Rayray.Core.Writing;

/// <summary>
/// What a store holds of one content (one document), as read just before a batch is planned: what
/// the write rules need to know, not the whole document.
/// </summary>
/// <param name="Hash">The content hash, the document's identity (and MongoDB's shard key).</param>
/// <param name="Id">The stored <c>_id</c>: kept as it is when the content is written again.</param>
/// <param name="PrimaryPath">The <c>file.path</c> the content was first found under.</param>
/// <param name="Ingested">When the content was first indexed: kept when it is written again.</param>
/// <param name="Locations">Every path that holds the content, with its file-system facts.</param>
/// <param name="Stack">What decides its stack, with the stack it has; null when it is never stacked.</param>
public sealed record StoredContent(
    string Hash,
    string Id,
    MediaKind Kind,
    string? ContentIdentifier,
    string PrimaryPath,
    DateTime Ingested,
    IReadOnlyList<FileLocation> Locations,
    StackFacts? Stack);
