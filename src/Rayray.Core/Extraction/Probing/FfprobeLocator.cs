namespace Rayray.Core.Extraction.Probing;

/// <summary>Finds the ffprobe binary: --ffprobe, else RAYRAY_FFPROBE, else ffprobe on the PATH.</summary>
public static class FfprobeLocator
{
    public const string EnvironmentVariable = "RAYRAY_FFPROBE";

    /// <summary>How to get ffprobe, for the one warning a scan gives when it is missing.</summary>
    public const string InstallHint =
        "install FFmpeg (Debian/Ubuntu: apt install ffmpeg; Fedora: dnf install ffmpeg; macOS: brew install ffmpeg; " +
        "Windows: winget install ffmpeg) or point --ffprobe / RAYRAY_FFPROBE at ffprobe";

    /// <summary>The chosen binary, or null when none is found. A configured path that does not exist is not replaced by the PATH's.</summary>
    public static string? Find(string? configured)
    {
        var chosen = !string.IsNullOrWhiteSpace(configured) ? configured : Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(chosen))
            return File.Exists(chosen) ? Path.GetFullPath(chosen) : null;
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in OperatingSystem.IsWindows() ? new[] { "ffprobe.exe" } : ["ffprobe"])
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        return null;
    }

    /// <summary>What was asked for, to name it in messages ("ffprobe on the PATH" or the configured path).</summary>
    public static string Describe(string? configured)
    {
        var chosen = !string.IsNullOrWhiteSpace(configured) ? configured : Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(chosen) ? "ffprobe on the PATH" : chosen;
    }
}
