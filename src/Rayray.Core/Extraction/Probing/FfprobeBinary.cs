using FFMpegCore;

namespace Rayray.Core.Extraction.Probing;

/// <summary>
/// The ffprobe binary in the form FFMpegCore takes it: a folder. FFMpegCore runs
/// <c>{folder}/x64/ffprobe</c> if it exists, else <c>{folder}/ffprobe</c>, else, silently, the
/// ffprobe on the PATH. A binary with another name, or one an <c>x64/ffprobe</c> beside it would
/// shadow, is run through a private folder holding a link named ffprobe to it; the folder lives as
/// long as this object (one scan).
/// </summary>
public sealed class FfprobeBinary : IDisposable
{
    private readonly TemporaryLink? _link;

    private FfprobeBinary(string path, string folder, TemporaryLink? link)
    {
        Path = path;
        Folder = folder;
        _link = link;
    }

    private static string FileName => OperatingSystem.IsWindows() ? "ffprobe.exe" : "ffprobe";

    /// <summary>The binary that runs, as it was named.</summary>
    public string Path { get; }

    /// <summary>The folder FFMpegCore is given (<see cref="FFOptions.BinaryFolder"/>).</summary>
    public string Folder { get; }

    /// <summary>Options of its own for each user: FFMpegCore's global options are shared by the whole process.</summary>
    public FFOptions CreateOptions() => new() { BinaryFolder = Folder };

    /// <exception cref="FfprobeBinaryException">FFMpegCore cannot be made to run this binary.</exception>
    public static FfprobeBinary Prepare(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full) ?? throw new FfprobeBinaryException($"{path} is not a file");
        var named = string.Equals(System.IO.Path.GetFileName(full), FileName,
            OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
        if (named && Runs(folder, System.IO.Path.Combine(folder, FileName)))
            return new FfprobeBinary(full, folder, null);

        var link = LinkTo(full, path);
        if (!Runs(link.Folder, link.Path))
        {
            link.Dispose();
            throw new FfprobeBinaryException(
                $"cannot run {path} as ffprobe: FFMpegCore would run {GlobalFFOptions.GetFFProbeBinaryPath(new FFOptions { BinaryFolder = link.Folder })} instead");
        }
        return new FfprobeBinary(full, link.Folder, link);
    }

    /// <summary>A new private folder in the temp folder holding a link named ffprobe to the binary.</summary>
    private static TemporaryLink LinkTo(string binary, string asNamed)
    {
        try
        {
            return TemporaryLink.Create("rayray-ffprobe-", FileName, binary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FfprobeBinaryException(
                $"cannot run {asNamed} as ffprobe: FFMpegCore runs only a file named {FileName} (and prefers an x64/{FileName} beside it), " +
                $"and no link named {FileName} to it can be made in the temp folder ({e.Message}); name it {FileName}, in a folder without an x64/{FileName}", e);
        }
    }

    private static bool Runs(string folder, string binary) =>
        string.Equals(GlobalFFOptions.GetFFProbeBinaryPath(new FFOptions { BinaryFolder = folder }), binary, StringComparison.Ordinal);

    public void Dispose() => _link?.Dispose();
}
