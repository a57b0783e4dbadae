namespace Rayray.Testing;

/// <summary>A fresh folder under the system temp folder, deleted (even when read-only inside) on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string? prefix = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix ?? "rayray-test"}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string this[string relative] => System.IO.Path.Combine(Path, relative.Replace('/', System.IO.Path.DirectorySeparatorChar));

    /// <summary>Writes a file (creating folders), returns its full path.</summary>
    public string Write(string relative, byte[] content)
    {
        var full = this[relative];
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return full;
    }

    public string Write(string relative, string text) => Write(relative, System.Text.Encoding.UTF8.GetBytes(text));

    public void Dispose()
    {
        if (!OperatingSystem.IsWindows())
        {
            // rm copes with what .NET cannot: names that are not UTF-8, folders without permissions.
            try
            {
                using var remove = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/bin/sh", ["-c", "chmod -R u+rwx \"$1\" 2>/dev/null; rm -rf \"$1\"", "sh", Path]) { UseShellExecute = false });
                remove?.WaitForExit();
                if (!Directory.Exists(Path))
                    return;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // No shell: fall back to .NET below.
            }
        }
        try
        {
            foreach (var entry in new DirectoryInfo(Path).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
            {
                if (!OperatingSystem.IsWindows() && entry.LinkTarget is null)
                    entry.UnixFileMode |= UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            }
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
