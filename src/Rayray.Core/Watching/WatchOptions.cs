namespace Rayray.Core.Watching;

/// <summary>How <c>scan --watch</c> and <c>--poll</c> keep the roots indexed after the scan.</summary>
public sealed record WatchOptions
{
    /// <summary>Listen to the file system's change notifications (inotify, FSEvents, ReadDirectoryChangesW).</summary>
    public bool Notifications { get; init; } = true;

    /// <summary>Also rescan every root this often (incrementally), for shares whose changes send no notification; null: never.</summary>
    public TimeSpan? PollEvery { get; init; }

    /// <summary>
    /// A root's changes are read once it has been quiet this long (a file being copied in changes many
    /// times). More than the second the walker allows between modification times, so a file written
    /// again after it was read never looks unchanged.
    /// </summary>
    public TimeSpan Quiet { get; init; } = TimeSpan.FromSeconds(1.5);

    /// <summary>Changes under a root that never goes quiet are read at the latest this long after the first one.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>More changed folders than this under one root are not remembered one by one: the root is rescanned instead.</summary>
    public int MaxPendingFolders { get; init; } = 10_000;

    /// <summary>How often each root is checked for having gone (unmounted), come back or been replaced.</summary>
    public TimeSpan RootCheckEvery { get; init; } = TimeSpan.FromSeconds(2);
}
