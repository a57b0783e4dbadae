namespace Rayray.Core.Walking;

/// <summary>What the walker reports besides the files it hands on for reading.</summary>
public interface IWalkListener
{
    /// <summary>A media file whose size, mtime, inode and ctime match what the store recorded; it is not read.</summary>
    void FileUnchanged(string path, long size);

    /// <summary>A folder or file that could not be listed or stat'ed; the scan goes on without it.</summary>
    void WalkFailed(string path, string reason);

    /// <summary>A folder was listed completely; <paramref name="candidates"/> media files were found in it.</summary>
    void FolderListed(string root, string folder, int candidates);

    /// <summary>A path the store knew in a listed folder no longer exists.</summary>
    void FileGone(string path);
}
