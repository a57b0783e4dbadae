using Rayray.Testing;

namespace Rayray.Cli.Tests;

/// <summary>
/// A fact about file permissions, run through <see cref="RayrayWherePermissionsApply"/>. Skipped, with
/// the reason, on Windows, and as root where nobody cannot run rayray (the .NET host in a folder
/// closed to others) or setpriv is missing (except under CI, which installs it).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class FilePermissionFactAttribute : FactAttribute
{
    public FilePermissionFactAttribute()
    {
        if (OperatingSystem.IsWindows())
            Skip = "Unix file permissions";
        else if (RayrayWherePermissionsApply.RunsAsNobody)
            Skip = WhyNobodyCannotRunRayray();
    }

    private static string? WhyNobodyCannotRunRayray()
    {
        const string AsRoot = "the tests run as root, whom permissions do not stop, and";
        if (ExternalTool.Find("setpriv") is null && !ExternalTool.IsCi)
            return $"{AsRoot} running rayray as nobody needs setpriv (util-linux; not installed here, CI installs it)";
        return NobodysReach.WhyRayrayIsOutOfReach is { } reason ? $"{AsRoot} rayray cannot run as nobody: {reason}" : null;
    }
}
