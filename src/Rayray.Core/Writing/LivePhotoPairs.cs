using Rayray.Core.Documents;

namespace Rayray.Core.Writing;

/// <summary>
/// The halves of a Live Photo: a still and a movie with the same content identifier. They stay two
/// documents, linked both ways through <c>pairedWith</c>; two stills (copies, edits) are never a pair.
/// </summary>
public static class LivePhotoPairs
{
    public static bool MayPair(MediaDocument document) => MayPair(document.ContentIdentifier, document.Kind);

    public static bool MayPair(string? contentIdentifier, MediaKind kind) =>
        contentIdentifier is not null && kind is MediaKind.Image or MediaKind.Video;

    public static bool ArePair(string? identifierA, MediaKind kindA, string? identifierB, MediaKind kindB) =>
        MayPair(identifierA, kindA) && MayPair(identifierB, kindB) && identifierA == identifierB && kindA != kindB;
}
