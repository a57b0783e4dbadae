namespace Rayray.Core.Walking;

/// <summary>
/// What a scan covers, in the terms of the scan lock and the scan history: the walked roots; for
/// listed files (<c>--files-from</c>) the deepest folder that holds them all; for files on the web
/// their servers (<c>https://host</c>).
/// </summary>
public static class ScanScope
{
    /// <summary>The roots the lock is taken on: another scan of an overlapping root waits, or exits 4.</summary>
    public static IReadOnlyList<string> Locked(WalkOptions options) => Build(options, folder => folder);

    /// <summary>
    /// The roots as the history records them and the summary shows them. A list is recorded as
    /// "listed files under FOLDER", so a list scan never passes for a full scan of that folder
    /// (<c>--min-interval</c> compares recorded roots).
    /// </summary>
    public static IReadOnlyList<string> Recorded(WalkOptions options) => Build(options, folder => $"listed files under {folder}");

    private static List<string> Build(WalkOptions options, Func<string, string> listed)
    {
        var roots = MediaWalker.NormalizeRoots(options.Roots);
        var scope = new List<string>(roots);
        var files = options.Files
            .Where(file => file.Length > 0)
            .Select(file => Path.TrimEndingDirectorySeparator(Path.GetFullPath(file)))
            .Where(path => !roots.Any(root => path == root || MediaWalker.IsUnder(path, root)))
            .ToList();
        if (files.Count > 0)
            scope.Add(listed(CommonFolder(files)));
        scope.AddRange(options.Urls.Select(url => url.Origin).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal));
        return scope;
    }

    private static string CommonFolder(List<string> paths)
    {
        var common = Path.GetDirectoryName(paths[0]) ?? paths[0];
        foreach (var path in paths.Skip(1))
        {
            while (path != common && !MediaWalker.IsUnder(path, common) && Path.GetDirectoryName(common) is { } parent)
                common = parent;
        }
        return common;
    }
}
