namespace Rayray.Core.Scanning;

/// <summary>Live counters of a scan, updated by the stages and read by the progress display.</summary>
public sealed class ScanProgress
{
    private long _filesRead, _bytesRead, _unchanged, _unchangedBytes, _skipped, _written, _new, _updated, _invalid, _problems, _unprobed;
    private long _totalFiles = -1, _totalBytes = -1;

    public long FilesRead => Interlocked.Read(ref _filesRead);
    public long BytesRead => Interlocked.Read(ref _bytesRead);
    public long Unchanged => Interlocked.Read(ref _unchanged);
    public long UnchangedBytes => Interlocked.Read(ref _unchangedBytes);
    public long Written => Interlocked.Read(ref _written);
    public long New => Interlocked.Read(ref _new);
    public long Updated => Interlocked.Read(ref _updated);
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

    internal void AddWritten(bool isNew, bool isInvalid)
    {
        Interlocked.Increment(ref _written);
        Interlocked.Increment(ref isNew ? ref _new : ref _updated);
        if (isInvalid)
            Interlocked.Increment(ref _invalid);
    }

    internal void AddProblem() => Interlocked.Increment(ref _problems);

    internal void AddSkipped() => Interlocked.Increment(ref _skipped);

    /// <summary>Video and audio files read without ffprobe (it is not installed): indexed from their headers only.</summary>
    public long Unprobed => Interlocked.Read(ref _unprobed);

    /// <summary>Counts a file read without ffprobe; true for the first one, so the scan warns once.</summary>
    internal bool AddUnprobed() => Interlocked.Increment(ref _unprobed) == 1;

    public void SetTotals(long files, long bytes)
    {
        Interlocked.Exchange(ref _totalBytes, bytes);
        Interlocked.Exchange(ref _totalFiles, files);
    }
}
