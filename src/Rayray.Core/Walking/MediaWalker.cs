using System.IO.Enumeration;
using System.Threading.Channels;
using Rayray.Core.Common;
using Rayray.Core.Documents;
using Rayray.Core.Formats;
using Rayray.Core.Storage;

namespace Rayray.Core.Walking;

/// <summary>
/// Walks the roots folder by folder (sorted, depth first), picks the media files, stats them and
/// asks the store what it recorded for each folder, so unchanged files never reach the readers.
/// </summary>
public sealed class MediaWalker(
    WalkOptions options,
    Func<string, CancellationToken, Task<IReadOnlyDictionary<string, KnownLocation>>> knownLocationsInFolder,
    IWalkListener listener)
{
    /// <summary>The roots as absolute paths, without duplicates or roots nested in other roots.</summary>
    public static IReadOnlyList<string> NormalizeRoots(IEnumerable<string> roots)
    {
        var full = roots.Select(r => Path.TrimEndingDirectorySeparator(Path.GetFullPath(r)))
                        .Distinct(StringComparer.Ordinal)
                        .Order(StringComparer.Ordinal)
                        .ToList();
        return full.Where(root => !full.Any(other => other != root && IsUnder(root, other))).ToList();
    }

    public static bool IsUnder(string path, string folder) =>
        path.Length > folder.Length &&
        path.StartsWith(folder, StringComparison.Ordinal) &&
        (path[folder.Length] == Path.DirectorySeparatorChar || folder.EndsWith(Path.DirectorySeparatorChar));

    /// <summary>
    /// Visits the folders in order. What the store recorded for the next folder is read while this
    /// one's files are statted: on a rescan with nothing changed the two take about as long, and
    /// they use different cores (one connection's reads are serialized anyway).
    /// </summary>
    public async Task WalkAsync(ChannelWriter<WalkedFile> output, CancellationToken cancellationToken)
    {
        await WalkFoldersAsync(output, cancellationToken);
        await WebWalk.WalkAsync(options, knownLocationsInFolder, output, cancellationToken);
    }

    private async Task WalkFoldersAsync(ChannelWriter<WalkedFile> output, CancellationToken cancellationToken)
    {
        using var folders = Folders(cancellationToken).GetEnumerator();
        if (!folders.MoveNext())
            return;
        var current = folders.Current;
        var lookup = KnownIn(current.Folder, cancellationToken);
        try
        {
            while (true)
            {
                var known = await lookup;
                (string Folder, List<WalkCandidate> Files, bool Whole)? next = null;
                if (folders.MoveNext())
                {
                    next = folders.Current;
                    lookup = KnownIn(next.Value.Folder, cancellationToken);
                }
                await VisitFilesAsync(current.Folder, current.Files, current.Whole, known, output, cancellationToken);
                if (next is not { } following)
                    return;
                current = following;
            }
        }
        finally
        {
            // A lookup still running when the walk stops must end before the store may be closed.
            await lookup.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private Task<IReadOnlyDictionary<string, KnownLocation>> KnownIn(string folder, CancellationToken cancellationToken) =>
        Task.Run(() => knownLocationsInFolder(folder, cancellationToken), cancellationToken);

    /// <summary>
    /// The candidate files folder by folder, depth first in name order, with the skip rules applied,
    /// then the listed files (<see cref="WalkOptions.Files"/>). <c>Whole</c> says the folder was listed
    /// whole, so a known file missing from it is gone; a root that is a file, and listed files, say
    /// nothing about the other files beside them.
    /// </summary>
    public IEnumerable<(string Folder, List<WalkCandidate> Files, bool Whole)> Folders(CancellationToken cancellationToken)
    {
        var roots = NormalizeRoots(options.Roots);
        foreach (var root in roots)
        {
            if (File.Exists(root))
            {
                yield return (Path.GetDirectoryName(root) ?? root, [WalkCandidate.Beside(root)], false);
                continue;
            }
            if (!Directory.Exists(root))
            {
                listener.WalkFailed(root, "no such file or folder");
                continue;
            }

            var pending = new Stack<string>();
            pending.Push(root);
            while (pending.TryPop(out var folder))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (options.FollowSymlinks && !FirstVisit(folder))
                    continue; // reached again through a link: a loop, or two links to one folder
                var (files, subfolders, listed) = ListFolder(root, folder);
                // A folder above the scope is only passed through: its files are neither reported nor compared.
                var inScope = options.Scope?.Lists(folder) ?? true;
                if (listed && inScope)
                    listener.FolderListed(root, folder, files.Count);
                if (files.Count > 0 && inScope)
                    yield return (folder, files, true);
                for (var i = subfolders.Count - 1; i >= 0; i--)
                {
                    if (options.Scope?.Enters(subfolders[i]) ?? true)
                        pending.Push(subfolders[i]);
                }
            }
        }
        foreach (var (folder, files) in new ListedFiles(options).Groups(roots))
            yield return (folder, files, false);
    }

    private readonly HashSet<(long Device, long Inode)> _visitedFolders = [];

    /// <summary>True the first time a folder (by device and inode, wherever the path leads) is met in this walk.</summary>
    private bool FirstVisit(string folder)
    {
        try
        {
            var stat = FileStatReader.Stat(folder, followLinks: true);
            return stat.Inode is not { } inode || _visitedFolders.Add((stat.Device ?? 0, inode));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true; // listing it reports the problem
        }
    }

    /// <summary>Counts the candidate files and their bytes, for a progress display's total; stat failures are ignored here.</summary>
    public static (long Files, long Bytes) Count(WalkOptions options, CancellationToken cancellationToken)
    {
        var walker = new MediaWalker(options, (_, _) => throw new InvalidOperationException(), new SilentListener());
        long files = 0, bytes = 0;
        foreach (var (_, candidates, _) in walker.Folders(cancellationToken))
        {
            foreach (var path in candidates.Select(c => c.Path))
            {
                try
                {
                    bytes += FileStatReader.Stat(path).Size;
                    files++;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                }
            }
        }
        return (files + options.Urls.Count, bytes);
    }

    private sealed class SilentListener : IWalkListener
    {
        public void FileUnchanged(string path, long size) { }
        public void WalkFailed(string path, string reason) { }
        public void FolderListed(string root, string folder, int candidates) { }
        public void FileGone(string path) { }
    }

    private (List<WalkCandidate> Files, List<string> Subfolders, bool Listed) ListFolder(string root, string folder)
    {
        var listed = true;
        var files = new List<string>();
        var subfolders = new List<string>();
        var sidecars = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var jsonFiles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? picasaIni = null;
        try
        {
            var entries = FolderEntries.List(folder);

            foreach (var entry in entries.OrderBy(e => e.Name, StringComparer.Ordinal))
            {
                var isFolder = entry.IsFolder;
                if (entry.IsLink)
                {
                    // Not followed unless asked: their targets inside the roots are indexed where they are.
                    if (!options.FollowSymlinks || LinkLeadsToFolder(entry.Path) is not { } leadsToFolder)
                        continue;
                    isFolder = leadsToFolder;
                }
                // Picasa's ini is hidden (.picasa.ini) and is a sidecar of the folder's pictures, never a document.
                if (!isFolder && PicasaIni.IsIniName(entry.Name))
                {
                    picasaIni = entry.Path;
                    continue;
                }
                if (!options.IncludeHidden && (entry.IsHidden || SkipRules.IsHiddenName(entry.Name)))
                    continue;
                if (SkipRules.IsExcluded(options.Excludes, root, entry.Path, entry.Name))
                    continue;
                if (isFolder)
                {
                    if (!SkipRules.SystemFolders.Contains(entry.Name))
                        subfolders.Add(entry.Path);
                }
                else if (entry.Name.EndsWith(".xmp", StringComparison.OrdinalIgnoreCase))
                {
                    sidecars[entry.Name] = entry.Path;
                }
                else
                {
                    if (TakeoutSidecarNames.IsJson(entry.Name))
                        jsonFiles[entry.Name] = entry.Path;
                    if (SkipRules.IsCandidate(entry.Name, options.AllFiles))
                        files.Add(entry.Path);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            listener.WalkFailed(folder, Describe(e));
            listed = false;
        }
        return (WithSidecars(files, sidecars, jsonFiles, FolderPicasaIni.Load(picasaIni)), subfolders, listed);
    }

    /// <summary>
    /// The files with their sidecars. A Takeout JSON is a sidecar and never a document of its own, even with
    /// --all-files: neither one a file here claims nor one that merely has a sidecar's name.
    /// </summary>
    private static List<WalkCandidate> WithSidecars(
        List<string> files, Dictionary<string, string> sidecars, Dictionary<string, string> jsonFiles, FolderPicasaIni? picasa)
    {
        var candidates = files.Select(path => WalkCandidate.Among(path, sidecars, jsonFiles, picasa)).ToList();
        if (jsonFiles.Count == 0)
            return candidates;
        var claimed = candidates.Select(c => c.TakeoutPath).OfType<string>().ToHashSet(StringComparer.Ordinal);
        candidates.RemoveAll(c => TakeoutSidecarNames.IsJson(c.Path) && (claimed.Contains(c.Path) || TakeoutSidecarNames.LooksLikeSidecar(Path.GetFileName(c.Path))));
        return candidates;
    }

    /// <summary>Whether a followed link leads to a folder or a file; null (and reported) when it leads nowhere.</summary>
    private bool? LinkLeadsToFolder(string path)
    {
        try
        {
            return FileStatReader.Stat(path, followLinks: true).IsFolder || (!NativeFiles.IsAvailable && Directory.Exists(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            listener.WalkFailed(path, e is FileNotFoundException or DirectoryNotFoundException ? "a symbolic link to nothing" : Describe(e));
            return null;
        }
    }

    private async Task VisitFilesAsync(string folder, List<WalkCandidate> files, bool whole, IReadOnlyDictionary<string, KnownLocation> known,
        ChannelWriter<WalkedFile> output, CancellationToken cancellationToken)
    {
        if (whole)
            ReportGone(known.Keys, files);
        using var handle = OpenForStats(folder);
        foreach (var candidate in files)
        {
            var (path, sidecarPath, takeoutPath, picasaPath) = candidate;
            FileStat stat;
            try
            {
                stat = StatCandidate(handle, path, options.FollowSymlinks);
            }
            catch (Exception e) when (!whole && e is FileNotFoundException or DirectoryNotFoundException)
            {
                listener.WalkFailed(path, "no such file");
                // Named but not there: its location goes too, unless its folder went with it (an unmounted share).
                if (Exists(folder))
                    listener.FileGone(path);
                continue;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                listener.WalkFailed(path, Describe(e));
                continue;
            }

            if (!stat.IsRegularFile)
                continue; // a FIFO, socket or device that merely has a media name

            var sidecar = StatSidecar(handle, sidecarPath);
            var takeout = StatSidecar(handle, takeoutPath);
            var picasa = StatSidecar(handle, picasaPath);
            var previous = known.GetValueOrDefault(path);
            if (!options.Force && !options.Verify && previous is not null && previous.Matches(stat, sidecar, takeout, picasa))
            {
                listener.FileUnchanged(path, stat.Size);
                continue;
            }
            var byExtension = MediaFormats.ByExtension(MediaFormats.ExtensionOf(path));
            var expectedUnchanged = previous is not null && previous.SizeAndTimeMatch(stat);
            await output.WriteAsync(new WalkedFile(path, stat, byExtension, previous, sidecar, expectedUnchanged, takeout, PicasaIni: picasa), cancellationToken);
        }
    }

    /// <summary>The folder opened for stats by name (<see cref="FileStatReader.StatIn"/>); null where that is not possible, and files are statted by path.</summary>
    private static Microsoft.Win32.SafeHandles.SafeFileHandle? OpenForStats(string folder)
    {
        if (!NativeFiles.IsAvailable)
            return null;
        try
        {
            return NativeFiles.OpenFolder(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>A file of the folder visited: by its name within the open folder when there is one, else by its path.</summary>
    private static FileStat StatCandidate(Microsoft.Win32.SafeHandles.SafeFileHandle? folder, string path, bool followLinks) =>
        folder is null ? FileStatReader.Stat(path, followLinks) : FileStatReader.StatIn(folder, Path.GetFileName(path), path, followLinks);

    /// <summary>
    /// Known paths of a listed folder that are not among its media files now: gone when they no
    /// longer exist (a file that still exists but is now excluded or hidden is left alone).
    /// </summary>
    public void ReportGone(IEnumerable<string> knownPaths, IReadOnlyCollection<WalkCandidate> present)
    {
        var here = present.Count == 0 ? null : present.Select(c => c.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var path in knownPaths)
        {
            if (here?.Contains(path) == true)
                continue;
            if (!Exists(path))
                listener.FileGone(path);
        }
    }

    /// <summary>True when something is at the path (a name that is not UTF-8 included); true also when that cannot be told.</summary>
    internal static bool Exists(string path)
    {
        try
        {
            FileStatReader.Stat(path);
            return true;
        }
        catch (FileNotFoundException)
        {
            return false;
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true; // cannot tell: never call a file gone on a doubt
        }
    }

    private static SidecarFile? StatSidecar(Microsoft.Win32.SafeHandles.SafeFileHandle? folder, string? path)
    {
        if (path is null)
            return null;
        try
        {
            var stat = StatCandidate(folder, path, followLinks: false);
            return stat.IsRegularFile ? new SidecarFile(path, stat.Size, stat.ModifiedUtc) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal static string Describe(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied",
        FileNotFoundException or DirectoryNotFoundException => "no longer exists",
        _ => e.Message,
    };
}
