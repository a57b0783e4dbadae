namespace Rayray.Core.Storage;

/// <summary>What happened to each document of a batch, in the batch's order.</summary>
public sealed record BatchWriteResult(IReadOnlyList<DocumentWriteOutcome> Outcomes)
{
    public int Failed => Outcomes.Count(o => o.Error is not null);
}

/// <param name="NewContent">The hash was not in the store before.</param>
/// <param name="PreviousHashAtPath">The content this path held before, when the path was known.</param>
/// <param name="Error">Why the document could not be written; null when it was.</param>
/// <param name="PreviousContentLeft">What became of the content the path held before, when this write took its last location.</param>
public sealed record DocumentWriteOutcome(bool NewContent, string? PreviousHashAtPath, string? Error = null, OrphanFate PreviousContentLeft = OrphanFate.None);

/// <summary>What happens to content that loses its last location.</summary>
public enum OrphanFate
{
    /// <summary>It still has locations (or there was nothing before).</summary>
    None,

    /// <summary>Kept with status "missing".</summary>
    Missing,

    /// <summary>Deleted (--prune, or a placeholder for an unreadable file).</summary>
    Deleted,
}
