namespace Rayray.Core.Scanning;

/// <summary>Live counters of a scan, updated by the stages and read by the progress display.</summary>
public sealed class ScanProgress
{
    private long _filesRead, _bytesRead, _unchanged, _unchangedBytes, _skipped, _written, _new, _changed, _touched, _relocated, _invalid, _problems, _unprobed, _bitRot, _orphanedMissing, _orphanedDeleted;
    private long _totalFiles = -1, _totalBytes = -1;
    private int _phase;
    private string? _currentPath;

    public long FilesRead => Interlocked.Read(ref _filesRead);
    public long BytesRead => Interlocked.Read(ref _bytesRead);
    public long Unchanged => Interlocked.Read(ref _unchanged);
    public long UnchangedBytes => Interlocked.Read(ref _unchangedBytes);
    public long Written => Interlocked.Read(ref _written);
    public long New => Interlocked.Read(ref _new);

    /// <summary>Paths whose bytes changed (their path now holds other content).</summary>
    public long Changed => Interlocked.Read(ref _changed);

    /// <summary>Files read again whose bytes had not changed (touched, a sidecar edited, --force).</summary>
    public long Touched => Interlocked.Read(ref _touched);

    /// <summary>New paths of content already indexed: moves and copies, told apart once the walk is over.</summary>
    public long Relocated => Interlocked.Read(ref _relocated);

    /// <summary>Files whose bytes changed though their size and mtime did not (found by --verify).</summary>
    public long BitRot => Interlocked.Read(ref _bitRot);
    public long Invalid => Interlocked.Read(ref _invalid);

    /// <summary>Failures that produced no document: unlisted folders, vanished files, documents the store refused.</summary>
    public long Problems => Interlocked.Read(ref _problems);

    /// <summary>Files and bytes the scan will go through, once a counting pass has found them; -1 until then.</summary>
    public long TotalFiles => Interlocked.Read(ref _totalFiles);
    public long TotalBytes => Interlocked.Read(ref _totalBytes);

    /// <summary>Files that turned out not to be media once their first bytes were read.</summary>
    public long Skipped => Interlocked.Read(ref _skipped);

    /// <summary>Files done: read, found unchanged, or skipped as not media.</summary>
    public long FilesDone => FilesRead + Unchanged + Skipped;
    public long BytesDone => BytesRead + UnchangedBytes;

    internal void AddRead(long bytes)
    {
        Interlocked.Increment(ref _filesRead);
        Interlocked.Add(ref _bytesRead, bytes);
    }

    internal void AddUnchanged(long bytes)
    {
        Interlocked.Increment(ref _unchanged);
        Interlocked.Add(ref _unchangedBytes, bytes);
    }

    internal void AddWritten(WriteKind kind, bool isInvalid)
    {
        Interlocked.Increment(ref _written);
        switch (kind)
        {
            case WriteKind.New:
                Interlocked.Increment(ref _new);
                break;
            case WriteKind.Changed:
                Interlocked.Increment(ref _changed);
                break;
            case WriteKind.Relocated:
                Interlocked.Increment(ref _relocated);
                break;
            default:
                Interlocked.Increment(ref _touched);
                break;
        }
        if (isInvalid)
            Interlocked.Increment(ref _invalid);
    }

    internal void AddBitRot() => Interlocked.Increment(ref _bitRot);

    /// <summary>Content whose last path now holds other bytes: kept as missing, or deleted.</summary>
    public long OrphanedMissing => Interlocked.Read(ref _orphanedMissing);
    public long OrphanedDeleted => Interlocked.Read(ref _orphanedDeleted);

    internal void AddOrphan(Storage.OrphanFate fate)
    {
        if (fate == Storage.OrphanFate.Missing)
            Interlocked.Increment(ref _orphanedMissing);
        else if (fate == Storage.OrphanFate.Deleted)
            Interlocked.Increment(ref _orphanedDeleted);
    }

    internal void AddProblem() => Interlocked.Increment(ref _problems);

    internal void AddSkipped() => Interlocked.Increment(ref _skipped);

    /// <summary>Video and audio files read without ffprobe (it is not installed): indexed from their headers only.</summary>
    public long Unprobed => Interlocked.Read(ref _unprobed);

    /// <summary>Counts a file read without ffprobe; true for the first one, so the scan warns once.</summary>
    internal bool AddUnprobed() => Interlocked.Increment(ref _unprobed) == 1;

    public ScanPhase Phase => (ScanPhase)Volatile.Read(ref _phase);

    /// <summary>The file most recently reached: being read, or found unchanged; null before the first.</summary>
    public string? CurrentPath => Volatile.Read(ref _currentPath);

    internal void SetPhase(ScanPhase phase) => Volatile.Write(ref _phase, (int)phase);

    internal void SetCurrentPath(string path) => Volatile.Write(ref _currentPath, path);

    public void SetTotals(long files, long bytes)
    {
        Interlocked.Exchange(ref _totalBytes, bytes);
        Interlocked.Exchange(ref _totalFiles, files);
    }
}

/// <summary>What writing a file did to the store.</summary>
public enum WriteKind
{
    /// <summary>Content not indexed before, at a new path.</summary>
    New,

    /// <summary>The path held other content before.</summary>
    Changed,

    /// <summary>The same content at the same path, read again.</summary>
    Touched,

    /// <summary>Content already indexed, at a path new to it: a move or a copy.</summary>
    Relocated,
}
