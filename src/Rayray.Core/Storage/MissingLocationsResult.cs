namespace Rayray.Core.Storage;

/// <summary>What removing vanished locations did: which documents lost which paths, and which were left with none.</summary>
public sealed record MissingLocationsResult(
    IReadOnlyDictionary<string, int> RemovedByDocument,
    int DocumentsNowMissing,
    int DocumentsPruned);
