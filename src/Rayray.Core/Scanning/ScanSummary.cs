namespace Rayray.Core.Scanning;

/// <summary>The outcome of a scan, for the end-of-scan summary and the exit code.</summary>
public sealed record ScanSummary
{
    public required IReadOnlyList<string> Roots { get; init; }
    public required DateTime StartedUtc { get; init; }
    public required TimeSpan Elapsed { get; init; }
    public long FilesRead { get; init; }
    public long BytesRead { get; init; }
    public long New { get; init; }
    public long Updated { get; init; }
    public long Unchanged { get; init; }
    public long Invalid { get; init; }

    /// <summary>Video and audio files indexed from their headers only, because ffprobe was not available.</summary>
    public long Unprobed { get; init; }

    /// <summary>Invalid files and failures that produced no document, in the order they happened.</summary>
    public required IReadOnlyList<ScanProblem> Problems { get; init; }

    /// <summary>True when the scan was stopped before it finished (Ctrl-C, SIGTERM).</summary>
    public bool Interrupted { get; init; }

    /// <summary>True when some file or folder could not be read: the scan ends with exit code 3.</summary>
    public bool HadProblems => Problems.Count > 0;
}
