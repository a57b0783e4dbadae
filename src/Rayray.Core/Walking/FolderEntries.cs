using System.IO.Enumeration;

namespace Rayray.Core.Walking;

/// <summary>What one folder holds, as the walker lists it.</summary>
internal static class FolderEntries
{
    private static readonly EnumerationOptions ListOneFolder = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = false,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    /// <summary>
    /// The entries of one folder. On Linux they are read with readdir, by the bytes of their names
    /// (<see cref="NativeFiles"/>): names that are not UTF-8 stay reachable, and the entry types
    /// come from the listing, where .NET's enumeration would lstat every entry for its attributes
    /// (a fifth of a no-change rescan). Elsewhere .NET lists them.
    /// </summary>
    public static List<(string Path, string Name, bool IsFolder, bool IsLink, bool IsHidden)> List(string folder)
    {
        if (!NativeFiles.IsAvailable)
            return DotNetEntries(folder);
        var entries = new List<(string Path, string Name, bool IsFolder, bool IsLink, bool IsHidden)>();
        foreach (var entry in NativeFiles.List(folder))
        {
            var path = Path.Join(folder, entry.Name);
            // Some file systems (older XFS, some network mounts) do not say what an entry is.
            var isFolder = entry.IsUnknown ? FileStatReader.Stat(path).IsFolder : entry.IsFolder;
            entries.Add((path, entry.Name, isFolder, entry.IsLink, entry.Name.StartsWith('.')));
        }
        return entries;
    }

    private static List<(string Path, string Name, bool IsFolder, bool IsLink, bool IsHidden)> DotNetEntries(string folder) =>
        [.. new FileSystemEnumerable<(string Path, string Name, bool IsFolder, bool IsLink, bool IsHidden)>(
            folder,
            (ref FileSystemEntry entry) => (
                entry.ToFullPath(),
                entry.FileName.ToString(),
                entry.IsDirectory,
                (entry.Attributes & FileAttributes.ReparsePoint) != 0,
                entry.IsHidden),
            ListOneFolder)];
}
