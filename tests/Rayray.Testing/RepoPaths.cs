namespace Rayray.Testing;

/// <summary>Where the repository and the optional <c>../shared</c> folder (corpus, spec vectors) are.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared</c> beside the clone (or RAYRAY_SHARED); null when it is not there, as on a user's clone.</summary>
    public static string? Shared
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("RAYRAY_SHARED");
            var candidate = !string.IsNullOrEmpty(configured) ? configured : Path.GetFullPath(Path.Combine(Root, "..", "shared"));
            return Directory.Exists(candidate) ? candidate : null;
        }
    }

    public static string? ExifSamples => Shared is { } shared ? Path.Combine(shared, "corpus", "exif-samples") : null;

    /// <summary>Real files from ExifTool's own test suite: CR3 and other RAW, camera videos, less common formats.</summary>
    public static string? ExiftoolSamples => Shared is { } shared ? Path.Combine(shared, "corpus", "exiftool-samples") : null;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Rayray.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"Rayray.sln not found above {AppContext.BaseDirectory}");
    }
}
