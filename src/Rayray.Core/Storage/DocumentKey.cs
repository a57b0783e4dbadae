using Rayray.Core.Documents;
using Rayray.Core.Extraction;

namespace Rayray.Core.Storage;

/// <summary>What names one document (<c>rayray show</c>), decided once for every store.</summary>
public enum DocumentKeyKind
{
    Id,
    Hash,
    Path,
}

/// <summary>
/// A document's id, its content hash (<c>sha256:…</c>, the 64 hex digits alone, or an unreadable file's
/// placeholder), or else one of its locations' paths; <see cref="Value"/> is as the store keeps it.
/// </summary>
public sealed record DocumentKey(DocumentKeyKind Kind, string Value)
{
    public static DocumentKey Parse(string idHashOrPath) => idHashOrPath switch
    {
        _ when DocumentId.LooksLikeId(idHashOrPath) => new(DocumentKeyKind.Id, idHashOrPath),
        _ when DocumentId.IsContentHash(idHashOrPath) || UnreadableHash.IsPlaceholder(idHashOrPath) => new(DocumentKeyKind.Hash, idHashOrPath),
        _ when idHashOrPath.Length == 64 && idHashOrPath.All(char.IsAsciiHexDigitLower) => new(DocumentKeyKind.Hash, DocumentId.HashPrefix + idHashOrPath),
        _ => new(DocumentKeyKind.Path, idHashOrPath),
    };
}
