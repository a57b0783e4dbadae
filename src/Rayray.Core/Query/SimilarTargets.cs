using Rayray.Core.Documents;

namespace Rayray.Core.Query;

/// <summary>
/// Turns each <c>similar:TARGET</c> of a query into the hash it means, before a store translates the query: a
/// perceptual hash typed as 16 hex digits is itself; anything else is looked up like <c>rayray show</c> does (id,
/// content hash, path), and that document is left out of the answer (it is the one asked about). A target that is
/// not found, or has no perceptual hash, is an error at its column, not an empty answer that would look like "no
/// near-duplicates".
/// </summary>
public static class SimilarTargets
{
    public static async Task<QueryNode?> ResolveAsync(QueryNode? node, Func<string, CancellationToken, Task<MediaDocument?>> find, CancellationToken cancellationToken) =>
        node is null ? null : await Resolve(node, find, cancellationToken);

    private static async Task<QueryNode> Resolve(QueryNode node, Func<string, CancellationToken, Task<MediaDocument?>> find, CancellationToken cancellationToken) => node switch
    {
        AndNode and => new AndNode(await Resolve(and.Left, find, cancellationToken), await Resolve(and.Right, find, cancellationToken)),
        OrNode or => new OrNode(await Resolve(or.Left, find, cancellationToken), await Resolve(or.Right, find, cancellationToken)),
        NotNode not => new NotNode(await Resolve(not.Operand, find, cancellationToken)),
        SimilarNode similar => await Target(similar, find, cancellationToken),
        _ => node,
    };

    private static async Task<SimilarHashNode> Target(SimilarNode similar, Func<string, CancellationToken, Task<MediaDocument?>> find, CancellationToken cancellationToken)
    {
        if (PerceptualHash.TryParse(similar.Target, out var typed))
            return new SimilarHashNode(typed, similar.MaxDistance, null);
        var document = await find(similar.Target, cancellationToken)
            ?? throw new QuerySyntaxException($"similar:{similar.Target}: no document has this id, content hash or path (or give a perceptual hash, 16 hex digits)", similar.Column);
        if (!PerceptualHash.TryParse(document.PerceptualHash, out var hash))
        {
            throw new QuerySyntaxException(
                $"similar:{similar.Target}: {document.File.Name} has no perceptual hash (only JPEG, PNG, WebP, GIF and BMP pictures, and images with an EXIF thumbnail, get one; "
                + "files read before rayray computed them get one when they are read again: rayray scan --force)", similar.Column);
        }
        return new SimilarHashNode(hash, similar.MaxDistance, document.Id);
    }

    /// <summary>Whether the query has a <c>similar:</c> term (only then is anything looked up).</summary>
    public static bool Present(QueryNode? node) => node switch
    {
        AndNode and => Present(and.Left) || Present(and.Right),
        OrNode or => Present(or.Left) || Present(or.Right),
        NotNode not => Present(not.Operand),
        SimilarNode => true,
        _ => false,
    };
}
