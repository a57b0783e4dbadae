using System.Diagnostics;

namespace Rayray.Testing;

/// <summary>
/// Finds external programs the tests compare against (exiftool, ffmpeg, djpeg). On a user's
/// machine a test that needs a missing tool is skipped, visibly; under CI (CI=true) it runs and
/// fails, because CI installs every tool.
/// </summary>
public static class ExternalTool
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string? Find(string name)
    {
        // Some tools live in sbin, which is often missing from an unprivileged user's PATH.
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        string[] systemDirectories = OperatingSystem.IsWindows() ? [] : ["/usr/sbin", "/sbin"];
        foreach (var dir in path.Concat(systemDirectories))
        {
            foreach (var candidate in new[] { name, name + ".exe" })
            {
                var full = System.IO.Path.Combine(dir, candidate);
                if (File.Exists(full))
                    return full;
            }
        }
        return null;
    }

    public static string Require(string name) =>
        Find(name) ?? throw new InvalidOperationException($"{name} is not installed (CI installs it; see .ci/run)");

    /// <summary>Runs a tool to completion and returns its stdout; throws with its stderr on a non-zero exit.</summary>
    public static string Run(string name, params IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Require(name))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{name} {string.Join(' ', start.ArgumentList)} exited {process.ExitCode}: {stderr.Result}");
        return stdout;
    }
}

/// <summary>A fact that needs external tools: skipped with a reason when one is missing, except under CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresToolFactAttribute : FactAttribute
{
    public RequiresToolFactAttribute(params string[] tools)
    {
        var missing = tools.Where(t => ExternalTool.Find(t) is null).ToList();
        if (missing.Count > 0 && !ExternalTool.IsCi)
            Skip = $"needs {string.Join(", ", missing)} (not installed here; CI installs it)";
    }
}

/// <summary>A fact over ../shared (the real-file corpus): skipped on a user's clone, a failure under CI when missing.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedCorpusFactAttribute : FactAttribute
{
    public SharedCorpusFactAttribute(params string[] tools)
    {
        if (RepoPaths.Shared is null && !ExternalTool.IsCi)
            Skip = "needs ../shared beside the clone (present in CI and on the team's machines)";
        else if (tools.FirstOrDefault(t => ExternalTool.Find(t) is null) is { } missing && !ExternalTool.IsCi)
            Skip = $"needs {missing} (not installed here; CI installs it)";
    }
}

/// <summary>The theory counterpart of <see cref="SharedCorpusFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedCorpusTheoryAttribute : TheoryAttribute
{
    public SharedCorpusTheoryAttribute()
    {
        if (RepoPaths.Shared is null && !ExternalTool.IsCi)
            Skip = "needs ../shared beside the clone (present in CI and on the team's machines)";
    }
}

/// <summary>A fact about Unix behaviour (permissions, signals, inodes): skipped on Windows, with the reason.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
            Skip = "Unix file permissions and signals";
    }
}

/// <summary>The theory counterpart of <see cref="RequiresToolFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresToolTheoryAttribute : TheoryAttribute
{
    public RequiresToolTheoryAttribute(params string[] tools)
    {
        var missing = tools.Where(t => ExternalTool.Find(t) is null).ToList();
        if (missing.Count > 0 && !ExternalTool.IsCi)
            Skip = $"needs {string.Join(", ", missing)} (not installed here; CI installs it)";
    }
}
