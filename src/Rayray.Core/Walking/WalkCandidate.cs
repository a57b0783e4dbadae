namespace Rayray.Core.Walking;

/// <summary>
/// A media file to consider, with its sidecars when they are beside it: the XMP sidecar
/// ("photo.cr2.xmp", else "photo.xmp") and the Google Takeout JSON (<see cref="TakeoutSidecarNames"/>).
/// Which sidecar belongs to which file is decided here, for a walked folder, a listed file and a root
/// that is a file alike.
/// </summary>
public sealed record WalkCandidate(string Path, string? SidecarPath, string? TakeoutPath = null)
{
    /// <summary>The file with the sidecars found among its folder's, by name (any letter case).</summary>
    public static WalkCandidate Among(string path, IReadOnlyDictionary<string, string> xmpSidecars, IReadOnlyDictionary<string, string> jsonFiles) =>
        new(path, SidecarFor(path, xmpSidecars), jsonFiles.Count == 0 ? null : TakeoutSidecarNames.Find(System.IO.Path.GetFileName(path), jsonFiles));

    /// <summary>A file on its own (a root that is a file): its folder is listed for its sidecars.</summary>
    public static WalkCandidate Beside(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(path);
        if (folder is null || !Directory.Exists(folder))
            return new WalkCandidate(path, null);
        var beside = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive }).ToList();
        Dictionary<string, string> Named(Func<string, bool> kind) =>
            beside.Where(kind).ToDictionary(f => System.IO.Path.GetFileName(f), f => f, StringComparer.OrdinalIgnoreCase);
        return Among(path, Named(f => f.EndsWith(".xmp", StringComparison.OrdinalIgnoreCase)), Named(TakeoutSidecarNames.IsJson));
    }

    /// <summary>"photo.cr2.xmp" (darktable, digiKam) first, then "photo.xmp" (Lightroom, Bridge).</summary>
    private static string? SidecarFor(string path, IReadOnlyDictionary<string, string> sidecars)
    {
        var name = System.IO.Path.GetFileName(path);
        return sidecars.GetValueOrDefault(name + ".xmp") ?? sidecars.GetValueOrDefault(System.IO.Path.GetFileNameWithoutExtension(name) + ".xmp");
    }
}
