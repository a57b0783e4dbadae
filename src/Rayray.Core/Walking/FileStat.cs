namespace Rayray.Core.Walking;

/// <summary>What the file system says about a file, read without opening it.</summary>
public readonly record struct FileStat(long Size, DateTime ModifiedUtc, DateTime? ChangedUtc, long? Inode, long? Device);
