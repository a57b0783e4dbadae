namespace Rayray.Cli.Tests;

/// <summary>The theory counterpart of <see cref="Rayray.Testing.UnixFactAttribute"/>: skipped on Windows, with the reason.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UnixTheoryAttribute : TheoryAttribute
{
    public UnixTheoryAttribute()
    {
        if (OperatingSystem.IsWindows())
            Skip = "Unix file permissions and signals";
    }
}
