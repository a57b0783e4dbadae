namespace Rayray.Core.Walking;

/// <summary>
/// The part of the roots a walk lists, when not all of it changed (<c>scan --watch</c>): folders
/// whose own files are listed, and trees listed with everything under them. The walk still goes
/// down from the root through the folders above them, so the skip rules (hidden names, system
/// folders, <c>--exclude</c>) apply to every step exactly as in a whole walk; only the folders in
/// scope are reported and have their files compared with the store.
/// </summary>
public sealed class WalkScope
{
    private readonly HashSet<string> _folders;
    private readonly HashSet<string> _trees;
    private readonly HashSet<string> _above = new(StringComparer.Ordinal);

    /// <param name="folders">Folders whose files (not subfolders) are listed.</param>
    /// <param name="trees">Folders listed with everything under them; a root among them is walked whole.</param>
    public WalkScope(IEnumerable<string> folders, IEnumerable<string> trees)
    {
        _folders = new HashSet<string>(folders.Select(Path.TrimEndingDirectorySeparator), StringComparer.Ordinal);
        _trees = new HashSet<string>(trees.Select(Path.TrimEndingDirectorySeparator), StringComparer.Ordinal);
        foreach (var path in _folders.Concat(_trees))
        {
            for (var up = Path.GetDirectoryName(path); !string.IsNullOrEmpty(up) && _above.Add(up); up = Path.GetDirectoryName(up))
            {
            }
        }
    }

    public IReadOnlyCollection<string> Folders => _folders;

    public IReadOnlyCollection<string> Trees => _trees;

    /// <summary>True when the folder's files are to be listed and compared with the store.</summary>
    public bool Lists(string folder) => _folders.Contains(folder) || InTree(folder);

    /// <summary>True when the walk must go into the folder: it is listed, or a listed folder lies below it.</summary>
    public bool Enters(string folder) => _above.Contains(folder) || Lists(folder);

    /// <summary>True when everything under <paramref name="root"/> is in scope, as in a walk without a scope.</summary>
    public bool Covers(string root) => InTree(root);

    private bool InTree(string folder)
    {
        for (var at = folder; !string.IsNullOrEmpty(at); at = Path.GetDirectoryName(at))
        {
            if (_trees.Contains(at))
                return true;
        }
        return false;
    }
}
