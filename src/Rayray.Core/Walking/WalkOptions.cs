using Rayray.Core.Common;

namespace Rayray.Core.Walking;

public sealed record WalkOptions
{
    public required IReadOnlyList<string> Roots { get; init; }
    public bool IncludeHidden { get; init; }

    /// <summary>
    /// Follow symbolic links to files and folders (also outside the roots). Each folder is walked
    /// once however many links lead to it, so loops end. Off by default: links are skipped.
    /// </summary>
    public bool FollowSymlinks { get; init; }
    public IReadOnlyList<Glob> Excludes { get; init; } = [];

    /// <summary>Index files of any type (kind "other"), not only media.</summary>
    public bool AllFiles { get; init; }

    /// <summary>Re-read files even when size, mtime, inode and ctime say they are unchanged.</summary>
    public bool Force { get; init; }

    /// <summary>Re-read and re-hash every file, and report those whose bytes changed though size and mtime did not (bit rot).</summary>
    public bool Verify { get; init; }

    /// <summary>Only these folders and trees of the roots are listed (<c>scan --watch</c>); null: all of them.</summary>
    public WalkScope? Scope { get; init; }
    /// <summary>
    /// Files to index one by one (<c>--files-from</c>; relative to the current folder): no folder around
    /// them is walked or swept for missing files. The skip rules and sidecars apply as in a walk.
    /// </summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Files on the web; the walker only looks up what the store recorded of them, the extractor fetches them.</summary>
    public IReadOnlyList<Web.WebAddress> Urls { get; init; } = [];
}
