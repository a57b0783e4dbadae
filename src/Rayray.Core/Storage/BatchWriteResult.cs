namespace Rayray.Core.Storage;

/// <summary>What happened to each document of a batch, in the batch's order.</summary>
public sealed record BatchWriteResult(IReadOnlyList<DocumentWriteOutcome> Outcomes)
{
    public int Failed => Outcomes.Count(o => o.Error is not null);
}

/// <param name="NewContent">The hash was not in the store before.</param>
/// <param name="PreviousHashAtPath">The content this path held before, when the path was known.</param>
/// <param name="Error">Why the document could not be written; null when it was.</param>
public sealed record DocumentWriteOutcome(bool NewContent, string? PreviousHashAtPath, string? Error = null);
