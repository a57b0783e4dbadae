using System.Collections.Frozen;

namespace Rayray.Core.Walking;

/// <summary>Names the walker passes over without opening them.</summary>
public static class SkipRules
{
    /// <summary>Folders that operating systems and NAS software keep for themselves (thumbnails, recycle bins, indexes).</summary>
    public static readonly FrozenSet<string> SystemFolders = new[]
    {
        "@eaDir", "#recycle", "#snapshot", "@Recycle", "@Recently-Snapshot", ".@__thumb", "@__thumb",
        "$RECYCLE.BIN", "System Volume Information", "RECYCLER", "lost+found",
        ".Trashes", ".Spotlight-V100", ".fseventsd", ".TemporaryItems", ".DocumentRevisions-V100",
        ".Trash", ".thumbnails", ".snapshot", ".zfs",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Extensions that are certainly not media, so such files are not even sniffed. Not "ts": TypeScript's, but
    /// also the MPEG transport streams of DVB recorders and camcorders — those files are judged by their content.
    /// </summary>
    public static readonly FrozenSet<string> NonMediaExtensions = new[]
    {
        "txt", "md", "rst", "log", "json", "xml", "yaml", "yml", "ini", "cfg", "conf", "csv", "tsv",
        "html", "htm", "css", "js", "mjs", "py", "rb", "pl", "sh", "bat", "ps1", "c", "h", "cpp", "hpp", "cs", "java", "go", "rs",
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "odp", "rtf", "pages", "key", "numbers",
        "zip", "gz", "tgz", "bz2", "xz", "7z", "rar", "tar", "zst", "iso", "dmg", "pkg", "deb", "rpm",
        "exe", "dll", "so", "dylib", "bin", "app",
        "db", "sqlite", "sqlite3", "db-wal", "db-shm", "db-journal", "lrcat", "lrdata",
        "xmp", "aae", "thm", "lrv", "pp3", "dop", "on1", "kra", "svg", "eps", "ai", "indd",
        "url", "lnk", "desktop", "torrent", "part", "crdownload", "tmp", "bak", "swp", "nfo", "sfv", "md5", "sha1", "sha256",
        "srt", "vtt", "ass", "sub", "idx", "cue", "m3u", "m3u8", "pls", "ttf", "otf", "woff", "woff2", "ics", "vcf", "eml",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static bool IsHiddenName(string name) => name.Length > 1 && name[0] == '.';

    /// <summary>A file worth reading by its name: a media extension, or none the skip list knows (or any file with --all-files).</summary>
    public static bool IsCandidate(string name, bool allFiles)
    {
        var ext = Formats.MediaFormats.ExtensionOf(name);
        if (ext.Length > 0 && Formats.MediaFormats.ByExtension(ext) is not null)
            return true;
        return allFiles || !NonMediaExtensions.Contains(ext);
    }

    /// <summary>
    /// True when an --exclude glob matches the entry: its path relative to the root, or its name
    /// for a glob without <c>/</c>.
    /// </summary>
    public static bool IsExcluded(IReadOnlyList<Common.Glob> excludes, string root, string path, string name)
    {
        if (excludes.Count == 0)
            return false;
        var relative = Path.GetRelativePath(root, path).Replace(Path.DirectorySeparatorChar, '/');
        foreach (var glob in excludes)
        {
            if (glob.IsMatch(relative) || (!glob.Pattern.Contains('/', StringComparison.Ordinal) && glob.IsMatch(name)))
                return true;
        }
        return false;
    }
}
