using Serilog;

namespace Rayray.Core.Watching;

/// <summary>
/// The file system's change notifications for one root (a <see cref="FileSystemWatcher"/>, recursive),
/// turned into pending changes: a file's event marks its folder, a folder's event its whole tree
/// (a folder moved in holds files no event was sent for). A lost-events error (the kernel's queue
/// overflowed) marks the whole root, and the watcher is restarted by the watch loop.
/// </summary>
internal sealed class RootNotifications : IDisposable
{
    private const NotifyFilters Filters = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite
        | NotifyFilters.Size | NotifyFilters.Attributes | NotifyFilters.CreationTime;

    private readonly string _root;
    private readonly bool _isFile;
    private readonly PendingChanges _pending;
    private readonly ILogger _log;
    private readonly FileSystemWatcher _watcher;
    private int _warned;
    private volatile bool _needsRestart;

    /// <exception cref="IOException">The root cannot be watched (gone, or the watch limits reached).</exception>
    public RootNotifications(string root, bool isFile, PendingChanges pending, ILogger log)
    {
        _root = root;
        _isFile = isFile;
        _pending = pending;
        _log = log;
        _watcher = isFile
            ? new FileSystemWatcher(Path.GetDirectoryName(root)!, Path.GetFileName(root)) { IncludeSubdirectories = false }
            : new FileSystemWatcher(root) { IncludeSubdirectories = true };
        _watcher.NotifyFilter = Filters;
        _watcher.Created += (_, e) => Changed(e.FullPath, mayBeFolder: true);
        _watcher.Changed += (_, e) => Changed(e.FullPath, mayBeFolder: true);
        _watcher.Deleted += (_, e) => Removed(e.FullPath);
        _watcher.Renamed += (_, e) =>
        {
            Removed(e.OldFullPath);
            Changed(e.FullPath, mayBeFolder: true);
        };
        _watcher.Error += (_, e) => Failed(e.GetException());
        try
        {
            _watcher.EnableRaisingEvents = true;
        }
        catch
        {
            _watcher.Dispose();
            throw;
        }
    }

    /// <summary>Set when notifications stopped (lost events); the watch loop starts a new watcher.</summary>
    public bool NeedsRestart => _needsRestart;

    private void Changed(string path, bool mayBeFolder)
    {
        var now = DateTime.UtcNow;
        if (_isFile)
        {
            _pending.Tree(_root, _root, now);
            return;
        }
        // A name that is not UTF-8 arrives mangled: read its folder's tree, where the walker lists it by its bytes.
        if (path.Contains('\uFFFD', StringComparison.Ordinal))
        {
            _pending.Tree(_root, Path.GetDirectoryName(FirstMangled(path)) ?? _root, now);
            return;
        }
        if (mayBeFolder && Directory.Exists(path))
            _pending.Tree(_root, path, now);
        else
            _pending.Folder(_root, Path.GetDirectoryName(path) ?? _root, now);
    }

    /// <summary>A file or folder deleted or moved away: its folder changed, and if it was a folder, everything it held is gone.</summary>
    private void Removed(string path)
    {
        Changed(path, mayBeFolder: false);
        if (!_isFile && !path.Contains('\uFFFD', StringComparison.Ordinal))
            _pending.Tree(_root, path, DateTime.UtcNow);
    }

    private void Failed(Exception error)
    {
        _pending.Whole(_root, DateTime.UtcNow);
        if (error is InternalBufferOverflowException)
        {
            _needsRestart = true;
            _log.Information("Too many changes at once under {Root:l} for the change notifications: the whole root is scanned again (only changed files are read)", _root);
            return;
        }
        // Mostly the inotify watch limit (fs.inotify.max_user_watches): some folders are not watched.
        if (Interlocked.Exchange(ref _warned, 1) == 0)
        {
            _log.Warning("Watching {Root:l}: {Reason:l}; the root is scanned again now, but later changes in folders that could not be watched are only found by --poll or the next scan",
                _root, error.Message);
        }
    }

    private static string FirstMangled(string path)
    {
        var at = path;
        for (var up = Path.GetDirectoryName(at); up is not null && up.Contains('\uFFFD', StringComparison.Ordinal); up = Path.GetDirectoryName(up))
            at = up;
        return at;
    }

    public void Dispose()
    {
        _watcher.EnableRaisingEvents = false;
        _watcher.Dispose();
    }
}
