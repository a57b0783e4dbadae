using Rayray.Core.Walking;
using Serilog;

namespace Rayray.Core.Watching;

/// <summary>
/// The roots being watched, each checked now and then for having gone (a share unmounted, a drive
/// unplugged, the folder moved away), come back, or been replaced by another file system (mounted
/// over, unmounted from under). A root that is gone is left alone — nothing under it is marked
/// missing, as in a scan — and one that comes back or changes is watched anew and rescanned whole.
/// </summary>
internal sealed class WatchedRoots : IDisposable
{
    private readonly List<WatchedRoot> _roots;
    private readonly PendingChanges _pending;
    private readonly bool _notifications;
    private readonly ILogger _log;

    private sealed class WatchedRoot(string path)
    {
        public string Path { get; } = path;
        public (long? Device, long? Inode, bool IsFile)? Identity { get; set; }
        public RootNotifications? Notifications { get; set; }
    }

    public WatchedRoots(IReadOnlyList<string> roots, PendingChanges pending, bool notifications, ILogger log)
    {
        _roots = [.. roots.Select(root => new WatchedRoot(root))];
        _pending = pending;
        _notifications = notifications;
        _log = log;
        foreach (var root in _roots)
        {
            root.Identity = Identify(root.Path);
            if (root.Identity is null)
                _log.Warning("{Root:l} is not there (unmounted?): nothing under it is marked missing; it is scanned when it comes back", root.Path);
            else
                Listen(root);
        }
    }

    /// <summary>The roots that are there now.</summary>
    public IReadOnlyList<string> Present => [.. _roots.Where(r => r.Identity is not null).Select(r => r.Path)];

    public bool IsPresent(string root) => _roots.Any(r => r.Path == root && r.Identity is not null);

    /// <summary>Looks at every root: gone, back, replaced, or notifications lost.</summary>
    public void Check()
    {
        foreach (var root in _roots)
        {
            var now = Identify(root.Path);
            if (now is null && root.Identity is not null)
            {
                root.Identity = null;
                StopListening(root);
                _pending.Forget(root.Path);
                _log.Warning("{Root:l} is gone (unmounted, disconnected or moved away?): nothing under it is marked missing; it is scanned again when it comes back", root.Path);
            }
            else if (now is not null && root.Identity is null)
            {
                root.Identity = now;
                _log.Information("{Root:l} is back: scanning it again", root.Path);
                Restart(root);
            }
            else if (now is not null && now != root.Identity)
            {
                root.Identity = now;
                _log.Information("{Root:l} is another file system or folder now (mounted or unmounted?): scanning it again", root.Path);
                Restart(root);
            }
            else if (root.Notifications is { NeedsRestart: true })
            {
                Restart(root);
            }
        }
    }

    private void Restart(WatchedRoot root)
    {
        StopListening(root);
        Listen(root);
        _pending.WholeNow(root.Path);
    }

    private void Listen(WatchedRoot root)
    {
        if (!_notifications)
            return;
        try
        {
            root.Notifications = new RootNotifications(root.Path, root.Identity?.IsFile == true, _pending, _log);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Gone again in between, or the notification limits reached: the next check, or --poll, catches up.
            _log.Warning("Cannot watch {Root:l} for changes: {Reason:l}", root.Path, e.Message);
        }
    }

    private static void StopListening(WatchedRoot root)
    {
        root.Notifications?.Dispose();
        root.Notifications = null;
    }

    /// <summary>The root's device and inode (where the system has them); null when it is not there.</summary>
    private static (long? Device, long? Inode, bool IsFile)? Identify(string root)
    {
        try
        {
            var stat = FileStatReader.Stat(root, followLinks: true);
            return (stat.Device, stat.Inode, File.Exists(root));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        foreach (var root in _roots)
            StopListening(root);
    }
}
