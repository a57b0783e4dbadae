using System.Buffers;

namespace Rayray.Core.Documents;

/// <summary>
/// Document ids and content hashes. The id is derived from the content hash, so every scanner
/// writing the same bytes computes the same id and concurrent upserts stay idempotent.
/// </summary>
public static class DocumentId
{
    public const string HashPrefix = "sha256:";
    private const int IdHexLength = 24;
    private static readonly SearchValues<char> NotLowerHex = SearchValues.Create("0123456789abcdef");

    public static string FromHash(string hash)
    {
        if (!IsContentHash(hash))
            throw new ArgumentException($"'{hash}' is not a sha256: content hash.", nameof(hash));
        return hash.Substring(HashPrefix.Length, IdHexLength);
    }

    public static string HashFromDigest(ReadOnlySpan<byte> sha256) =>
        HashPrefix + Convert.ToHexStringLower(sha256);

    public static bool IsContentHash(string? text) =>
        text is { Length: 71 } && text.StartsWith(HashPrefix, StringComparison.Ordinal) &&
        !text.AsSpan(HashPrefix.Length).ContainsAnyExcept(NotLowerHex);

    public static bool LooksLikeId(string? text) =>
        text is { Length: IdHexLength } && !text.AsSpan().ContainsAnyExcept(NotLowerHex);
}
