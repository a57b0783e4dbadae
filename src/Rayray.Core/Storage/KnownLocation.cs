using Rayray.Core.Documents;
using Rayray.Core.Walking;

namespace Rayray.Core.Storage;

/// <summary>What the store recorded about a path when it was last read, for change detection.</summary>
/// <param name="ETag">A URL's ETag, as its server sent it.</param>
/// <param name="LastModified">A URL's Last-Modified (UTC), when its server sent one.</param>
public sealed record KnownLocation(
    string Path,
    string Hash,
    long Size,
    DateTime ModifiedUtc,
    DateTime? ChangedUtc,
    long? Inode,
    long? Device,
    DocumentStatus Status,
    SidecarFile? Sidecar = null,
    SidecarFile? TakeoutSidecar = null,
    string? ETag = null,
    DateTime? LastModified = null,
    SidecarFile? PicasaIni = null)
{
    /// <summary>What a store read of a location, as what the scan compares.</summary>
    public static KnownLocation Of(FileLocation location, string hash, DocumentStatus status) =>
        new(location.Path, hash, location.Size, location.Modified, location.Changed, location.Inode, location.Device, status, location.Sidecar,
            location.TakeoutSidecar, location.ETag, location.LastModified, location.PicasaIni);

    private static readonly TimeSpan TimeTolerance = TimeSpan.FromSeconds(1);

    /// <summary>
    /// True when the file on disk is the one recorded: same size, modification time within ±1 s
    /// (FAT keeps 2-second times) and, where both sides have them, the same inode and ctime;
    /// and its XMP sidecar, its Takeout JSON and the Picasa ini naming its faces are the same ones, unchanged, or still absent.
    /// </summary>
    public bool Matches(FileStat stat, SidecarFile? sidecar = null, SidecarFile? takeoutSidecar = null, SidecarFile? picasaIni = null) =>
        stat.Size == Size &&
        (stat.ModifiedUtc - ModifiedUtc).Duration() <= TimeTolerance &&
        (stat.Inode is null || Inode is null || stat.Inode == Inode) &&
        (stat.ChangedUtc is null || ChangedUtc is null || (stat.ChangedUtc.Value - ChangedUtc.Value).Duration() <= TimeTolerance) &&
        Same(Sidecar, sidecar) &&
        Same(TakeoutSidecar, takeoutSidecar) &&
        Same(PicasaIni, picasaIni);

    /// <summary>Same size and modification time (±1 s): what bit rot leaves untouched while the bytes change.</summary>
    public bool SizeAndTimeMatch(FileStat stat) =>
        stat.Size == Size && (stat.ModifiedUtc - ModifiedUtc).Duration() <= TimeTolerance;

    private static bool Same(SidecarFile? recorded, SidecarFile? now) => (recorded, now) switch
    {
        (null, null) => true,
        ({ } was, { } is_) => was.Path == is_.Path && was.Size == is_.Size && (was.Modified - is_.Modified).Duration() <= TimeTolerance,
        _ => false,
    };
}
