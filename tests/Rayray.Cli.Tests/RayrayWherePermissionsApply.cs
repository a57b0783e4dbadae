using Rayray.Testing;

namespace Rayray.Cli.Tests;

/// <summary>
/// Runs rayray as a user file permissions apply to: the current one, or nobody when the tests run as
/// root (root reads and writes whatever the permissions say). nobody runs its own copy of the built
/// binary in the temporary folder, open to all, because the build output may lie in a folder only its
/// owner may enter, such as a clone in /root.
/// </summary>
internal sealed class RayrayWherePermissionsApply : IDisposable
{
    private const string NobodyId = "65534";
    private const UnixFileMode OpenFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
    private const UnixFileMode ReadableByAll = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private readonly TempFolder? _nobodysCopy;

    public RayrayWherePermissionsApply()
    {
        if (!RunsAsNobody)
            return;
        _nobodysCopy = new TempFolder("rayray-for-nobody");
        File.SetUnixFileMode(_nobodysCopy.Path, OpenFolder);
        CopyOpenToAll(new DirectoryInfo(AppContext.BaseDirectory), _nobodysCopy["bin"]);
        Directory.CreateDirectory(NobodysHome);
        File.SetUnixFileMode(NobodysHome, OpenFolder | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
    }

    /// <summary>True when the tests run as root, so rayray runs as nobody.</summary>
    public static bool RunsAsNobody => !OperatingSystem.IsWindows() && Environment.IsPrivilegedProcess;

    private string NobodysHome => _nobodysCopy!["home"];

    public Task<RayrayProcess.Result> RunAsync(IEnumerable<string> arguments)
    {
        if (_nobodysCopy is null)
            return RayrayProcess.RunAsync(arguments);
        var environment = new Dictionary<string, string> { ["HOME"] = NobodysHome, ["DOTNET_CLI_HOME"] = NobodysHome };
        var start = RayrayProcess.StartInfo(arguments, environment, dll: _nobodysCopy["bin/rayray.dll"]);
        start.ArgumentList.Insert(0, ExternalTool.Require("dotnet"));
        foreach (var option in new[] { $"--reuid={NobodyId}", $"--regid={NobodyId}", "--clear-groups" }.Reverse())
            start.ArgumentList.Insert(0, option);
        start.FileName = ExternalTool.Require("setpriv");
        return RayrayProcess.RunAsync(start);
    }

    public void Dispose() => _nobodysCopy?.Dispose();

    private static void CopyOpenToAll(DirectoryInfo source, string destination)
    {
        Directory.CreateDirectory(destination);
        File.SetUnixFileMode(destination, OpenFolder);
        foreach (var file in source.EnumerateFiles())
        {
            var copy = file.CopyTo(Path.Combine(destination, file.Name));
            copy.UnixFileMode |= ReadableByAll;
        }
        foreach (var folder in source.EnumerateDirectories())
            CopyOpenToAll(folder, Path.Combine(destination, folder.Name));
    }
}
