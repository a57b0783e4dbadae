namespace Rayray.Core.Walking;

/// <summary>What the file system says about a file, read without opening it.</summary>
/// <param name="IsRegularFile">False for FIFOs, sockets and devices, which are never opened (opening a FIFO blocks).</param>
/// <param name="IsFolder">A folder (only statx says; false elsewhere).</param>
public readonly record struct FileStat(long Size, DateTime ModifiedUtc, DateTime? ChangedUtc, long? Inode, long? Device, bool IsRegularFile = true, bool IsFolder = false);
