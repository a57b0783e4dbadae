namespace Rayray.Core.Walking;

/// <summary>
/// A media file to consider, with its sidecars when they are beside it: the XMP sidecar
/// ("photo.cr2.xmp", else "photo.xmp"), the Google Takeout JSON (<see cref="TakeoutSidecarNames"/>) and the
/// folder's Picasa ini when it names faces in the file (<see cref="PicasaIni"/>).
/// Which sidecar belongs to which file is decided here, for a walked folder, a listed file and a root
/// that is a file alike.
/// </summary>
public sealed record WalkCandidate(string Path, string? SidecarPath, string? TakeoutPath = null, string? PicasaIniPath = null)
{
    /// <summary>The file with the sidecars found among its folder's, by name (any letter case).</summary>
    public static WalkCandidate Among(
        string path, IReadOnlyDictionary<string, string> xmpSidecars, IReadOnlyDictionary<string, string> jsonFiles, FolderPicasaIni? picasa = null) =>
        new(path, SidecarFor(path, xmpSidecars), jsonFiles.Count == 0 ? null : TakeoutSidecarNames.Find(System.IO.Path.GetFileName(path), jsonFiles),
            picasa is { } ini && ini.Ini.HasFaces(System.IO.Path.GetFileName(path)) ? ini.Path : null);

    /// <summary>A file on its own (a root that is a file): its folder is listed for its sidecars.</summary>
    public static WalkCandidate Beside(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(path);
        if (folder is null || !Directory.Exists(folder))
            return new WalkCandidate(path, null);
        var beside = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { MatchCasing = MatchCasing.CaseInsensitive }).ToList();
        Dictionary<string, string> Named(Func<string, bool> kind) =>
            beside.Where(kind).ToDictionary(f => System.IO.Path.GetFileName(f), f => f, StringComparer.OrdinalIgnoreCase);
        return Among(path, Named(f => f.EndsWith(".xmp", StringComparison.OrdinalIgnoreCase)), Named(TakeoutSidecarNames.IsJson),
            FolderPicasaIni.Load(beside.FirstOrDefault(f => PicasaIni.IsIniName(System.IO.Path.GetFileName(f)))));
    }

    /// <summary>"photo.cr2.xmp" (darktable, digiKam) first, then "photo.xmp" (Lightroom, Bridge).</summary>
    private static string? SidecarFor(string path, IReadOnlyDictionary<string, string> sidecars)
    {
        var name = System.IO.Path.GetFileName(path);
        return sidecars.GetValueOrDefault(name + ".xmp") ?? sidecars.GetValueOrDefault(System.IO.Path.GetFileNameWithoutExtension(name) + ".xmp");
    }
}

/// <summary>A folder's Picasa ini, read once while the folder is listed.</summary>
public sealed record FolderPicasaIni(string Path, PicasaIni Ini)
{
    /// <summary>The ini at <paramref name="path"/>; null without one, or when it cannot be read.</summary>
    public static FolderPicasaIni? Load(string? path) => path is not null && PicasaIni.Load(path) is { } ini ? new FolderPicasaIni(path, ini) : null;
}
