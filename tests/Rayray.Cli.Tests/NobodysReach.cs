using Rayray.Testing;

namespace Rayray.Cli.Tests;

/// <summary>
/// Whether nobody can run rayray here: the .NET host on PATH, its runtime, and the temporary folder
/// (where nobody's copy of rayray goes) must all be open to others. Judged from the "others" part of
/// the mode bits, since nobody owns none of them.
/// </summary>
internal static class NobodysReach
{
    private const UnixFileMode Enter = UnixFileMode.OtherExecute;
    private const UnixFileMode List = UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private const UnixFileMode Read = UnixFileMode.OtherRead;

    private static readonly Lazy<string?> Obstacle = new(FindObstacle);

    /// <summary>Why nobody cannot run rayray here, or null when it can (or the host is missing, which fails every test anyway).</summary>
    public static string? WhyRayrayIsOutOfReach => Obstacle.Value;

    private static string? FindObstacle()
    {
        if (ExternalTool.Find("dotnet") is not { } onPath)
            return null;
        var host = RealPath(onPath);
        var dotnetRoot = Path.GetDirectoryName(host)!;
        return WhyClosed(host, Enter, "the .NET host")
            ?? WhyTreeClosed(Path.Combine(dotnetRoot, "host", "fxr"), "the .NET host resolver")
            ?? WhyTreeClosed(Path.Combine(dotnetRoot, "shared", "Microsoft.NETCore.App"), "the .NET runtime")
            ?? WhyClosed(RealPath(Path.GetTempPath()), List, "the temporary folder");
    }

    /// <summary>Why nobody may not reach <paramref name="path"/> with <paramref name="rights"/>: a folder above it it may not enter, or the path's own mode.</summary>
    private static string? WhyClosed(string path, UnixFileMode rights, string what)
    {
        for (var folder = Path.GetDirectoryName(path); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if ((File.GetUnixFileMode(folder) & Enter) != Enter)
                return $"nobody may not enter {folder} ({Describe(folder)}), which holds {what} {path}";
        }
        return (File.GetUnixFileMode(path) & rights) != rights ? $"nobody may not use {what} {path} ({Describe(path)})" : null;
    }

    private static string? WhyTreeClosed(string folder, string what)
    {
        if (!Directory.Exists(folder))
            return null;
        if (WhyClosed(folder, List, what) is { } closed)
            return closed;
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            var rights = entry is DirectoryInfo ? List : Read;
            if ((entry.UnixFileMode & rights) != rights)
                return $"nobody may not use {entry.FullName} ({Describe(entry.FullName)}), part of {what}";
        }
        return null;
    }

    private static string Describe(string path) => $"mode {Convert.ToString((int)File.GetUnixFileMode(path), 8)}";

    /// <summary>The path with every symbolic link in it resolved, as the kernel walks it.</summary>
    private static string RealPath(string path)
    {
        var real = Path.GetPathRoot(Path.GetFullPath(path))!;
        foreach (var part in Path.GetFullPath(path)[real.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(real, part);
            real = new FileInfo(next).LinkTarget is { } target ? RealPath(Path.GetFullPath(target, real)) : next;
        }
        return real;
    }
}
