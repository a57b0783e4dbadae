namespace Rayray.Core.Scanning;

/// <summary>Where a scan is, for progress reports. The stages overlap: files are read while the walk goes on.</summary>
public enum ScanPhase
{
    /// <summary>The folders are being walked (and the files found so far read).</summary>
    Walking,

    /// <summary>The walk is over; the files it found are still being read.</summary>
    Reading,

    /// <summary>Every file is read; the last batches are written and vanished files marked missing.</summary>
    Writing,

    /// <summary>The scan has ended, however it ended.</summary>
    Done,
}
