namespace Rayray.Core.Extraction.Integrity;

/// <summary>
/// A structure check fed with every byte of a file, in order, by the loop that hashes it, so
/// proving a file intact costs no extra read.
/// </summary>
public interface IStreamingCheck
{
    void Append(ReadOnlySpan<byte> chunk);

    /// <summary>Null when the file is intact, else why it is not.</summary>
    string? Finish();

    /// <summary>Notes about tolerated oddities (e.g. bytes between segments), not reasons to reject the file.</summary>
    IReadOnlyList<string> Notes { get; }
}
