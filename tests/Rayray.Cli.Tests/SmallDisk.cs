using System.Diagnostics;
using System.Globalization;
using Rayray.Testing;

namespace Rayray.Cli.Tests;

/// <summary>
/// A small tmpfs, to fill a disk on purpose. As root it is mounted directly; otherwise it lives in
/// a user and mount namespace of its own (<c>unshare -rm</c>), reached through that namespace's
/// <c>/proc/PID/root</c>. Where neither is allowed, <see cref="WhyUnavailable"/> says why.
/// </summary>
internal sealed class SmallDisk : IDisposable
{
    private static readonly Lazy<string?> Problem = new(Probe);

    private readonly string _mountPoint;
    private readonly Process? _namespace;

    private SmallDisk(string mountPoint, string path, Process? holder)
    {
        _mountPoint = mountPoint;
        Path = path;
        _namespace = holder;
    }

    /// <summary>The folder on the small disk, as rayray and the test reach it.</summary>
    public string Path { get; }

    /// <summary>Null when a small disk can be made here; otherwise why not.</summary>
    public static string? WhyUnavailable => Problem.Value;

    public static SmallDisk Create(int kilobytes)
    {
        var mountPoint = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"rayray-small-disk-{Guid.NewGuid():N}");
        Directory.CreateDirectory(mountPoint);
        var size = $"size={kilobytes.ToString(CultureInfo.InvariantCulture)}k";
        if (Run("mount", "-t", "tmpfs", "-o", size, "tmpfs", mountPoint) is null)
            return new SmallDisk(mountPoint, mountPoint, null);

        // Not root: a namespace of our own, kept alive by a shell that waits on its stdin.
        var start = new ProcessStartInfo(ExternalTool.Find("unshare") ?? "unshare")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-rm", "sh", "-c", "mount -t tmpfs -o \"$1\" tmpfs \"$2\" && echo ready && exec cat >/dev/null", "sh", size, mountPoint })
            start.ArgumentList.Add(argument);
        try
        {
            var holder = Process.Start(start)!;
            if (holder.StandardOutput.ReadLine() == "ready")
                return new SmallDisk(mountPoint, $"/proc/{holder.Id.ToString(CultureInfo.InvariantCulture)}/root{mountPoint}", holder);
            var error = holder.StandardError.ReadToEnd();
            holder.WaitForExit();
            holder.Dispose();
            Directory.Delete(mountPoint);
            throw new InvalidOperationException($"neither mount (as root) nor unshare -rm can mount a tmpfs here: {error.Trim()}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Directory.Delete(mountPoint);
            throw new InvalidOperationException($"mount is not permitted and unshare cannot run: {e.Message}", e);
        }
    }

    public void Dispose()
    {
        if (_namespace is null)
        {
            Run("umount", "-l", _mountPoint);
        }
        else
        {
            _namespace.StandardInput.Close();
            _namespace.WaitForExit(5000);
            _namespace.Dispose();
        }
        try
        {
            Directory.Delete(_mountPoint);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Runs a command; null when it succeeded, else its error.</summary>
    private static string? Run(string name, params string[] arguments)
    {
        if (ExternalTool.Find(name) is null)
            return $"{name} is not installed";
        try
        {
            ExternalTool.Run(name, arguments);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    private static string? Probe()
    {
        if (OperatingSystem.IsWindows())
            return "tmpfs is a Linux file system";
        try
        {
            using var disk = Create(64);
            File.WriteAllText(System.IO.Path.Combine(disk.Path, "probe"), "ok");
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}

/// <summary>A fact that fills a small disk: skipped with the reason where none can be made, except under CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SmallDiskFactAttribute : FactAttribute
{
    public SmallDiskFactAttribute()
    {
        if (SmallDisk.WhyUnavailable is { } problem && !ExternalTool.IsCi)
            Skip = $"needs a small tmpfs: {problem}";
    }
}
