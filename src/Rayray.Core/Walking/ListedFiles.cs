namespace Rayray.Core.Walking;

/// <summary>
/// The files of a <c>--files-from</c> list in the walker's terms: grouped by folder, in name order,
/// each with the XMP sidecar beside it. A listed file is left out where a walk would leave it out —
/// an --exclude glob, a hidden name (without --include-hidden), a system folder, a sidecar or a
/// non-media extension — judged on its path from the current folder (from the file-system root when
/// it lies elsewhere). A listed folder is not walked. Files under a walked root are left to the walk.
/// </summary>
internal sealed class ListedFiles(WalkOptions options)
{
    public IEnumerable<(string Folder, List<WalkCandidate> Files)> Groups(IReadOnlyList<string> walkedRoots)
    {
        if (options.Files.Count == 0)
            yield break;
        var current = Path.TrimEndingDirectorySeparator(Environment.CurrentDirectory);
        var groups = options.Files
            .Where(file => file.Length > 0)
            .Select(file => Path.TrimEndingDirectorySeparator(Path.GetFullPath(file)))
            .Distinct(StringComparer.Ordinal)
            .Where(path => !walkedRoots.Any(root => path == root || MediaWalker.IsUnder(path, root)) && !Skipped(path, current))
            .GroupBy(path => Path.GetDirectoryName(path) ?? path, StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var (sidecars, jsonFiles, picasa) = SidecarsIn(group.Key);
            yield return (group.Key, group.Order(StringComparer.Ordinal)
                .Select(path => WalkCandidate.Among(path, sidecars, jsonFiles, picasa))
                .ToList());
        }
    }

    private bool Skipped(string path, string current)
    {
        var root = MediaWalker.IsUnder(path, current) ? current : Path.GetPathRoot(path) ?? "";
        var names = Path.GetRelativePath(root, path).Split(Path.DirectorySeparatorChar);
        var at = root;
        for (var i = 0; i < names.Length; i++)
        {
            var name = names[i];
            at = Path.Join(at, name);
            var isFolder = i < names.Length - 1;
            if ((!options.IncludeHidden && SkipRules.IsHiddenName(name)) ||
                (isFolder && SkipRules.SystemFolders.Contains(name)) ||
                SkipRules.IsExcluded(options.Excludes, root, at, name))
            {
                return true;
            }
        }
        var file = names[^1];
        return file.EndsWith(".xmp", StringComparison.OrdinalIgnoreCase) || !SkipRules.IsCandidate(file, options.AllFiles) ||
               (TakeoutSidecarNames.IsJson(file) && TakeoutSidecarNames.LooksLikeSidecar(file));
    }

    /// <summary>The XMP sidecars, the JSON files (Takeout sidecars) and the Picasa ini of a folder, listed once for all its listed files.</summary>
    private (Dictionary<string, string> Sidecars, Dictionary<string, string> JsonFiles, FolderPicasaIni? Picasa) SidecarsIn(string folder)
    {
        var sidecars = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var jsonFiles = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? picasa = null;
        try
        {
            foreach (var entry in FolderEntries.List(folder))
            {
                if (!entry.IsFolder && PicasaIni.IsIniName(entry.Name))
                    picasa = entry.Path;
                if (entry.IsFolder || (entry.IsLink && !options.FollowSymlinks) || (!options.IncludeHidden && SkipRules.IsHiddenName(entry.Name)))
                    continue;
                if (entry.Name.EndsWith(".xmp", StringComparison.OrdinalIgnoreCase))
                    sidecars[entry.Name] = entry.Path;
                else if (TakeoutSidecarNames.IsJson(entry.Name))
                    jsonFiles[entry.Name] = entry.Path;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Its listed files are reported when they are statted.
        }
        return (sidecars, jsonFiles, FolderPicasaIni.Load(picasa));
    }
}
