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

    /// <summary>Paths whose bytes changed.</summary>
    public long Changed { get; init; }

    /// <summary>Files read again with the same bytes (touched, a sidecar edited, --force).</summary>
    public long Touched { get; init; }

    /// <summary>Content found at a new path while an old path of it disappeared.</summary>
    public long Moved { get; init; }

    /// <summary>Content found at a new path while its other paths remain.</summary>
    public long Copied { get; init; }

    /// <summary>Recorded paths whose files are gone (not counting the old paths of moves).</summary>
    public long Missing { get; init; }

    /// <summary>Documents left with no location: kept as "missing", or deleted with --prune.</summary>
    public long DocumentsMissing { get; init; }
    public long DocumentsPruned { get; init; }

    /// <summary>Files whose bytes changed though size and mtime did not (--verify).</summary>
    public long BitRot { get; init; }

    /// <summary>Documents rewritten at a path they already had: changed or touched.</summary>
    public long Updated => Changed + Touched;

    /// <summary>Media files found under the roots, read or not.</summary>
    public long Seen => FilesRead + Unchanged;

    public long Unchanged { get; init; }
    public long Invalid { get; init; }

    /// <summary>Video and audio files indexed from their headers only, because ffprobe was not available.</summary>
    public long Unprobed { get; init; }

    /// <summary>Invalid files and failures that produced no document, in the order they happened.</summary>
    public required IReadOnlyList<ScanProblem> Problems { get; init; }

    /// <summary>True when the walk finished, so vanished files could be told from files not reached yet.</summary>
    public bool WalkCompleted { get; init; }

    /// <summary>True when the scan was stopped before it finished (Ctrl-C, SIGTERM).</summary>
    public bool Interrupted { get; init; }

    /// <summary>True when some file or folder could not be read: the scan ends with exit code 3.</summary>
    public bool HadProblems => Problems.Count > 0;
}
