using Rayray.Core.Common;

namespace Rayray.Core.Extraction.Probing;

/// <summary>
/// The path ffprobe is given for a file: the file's own, or a link with a plain name in a new
/// temporary folder when the name cannot reach ffprobe intact. FFMpegCore checks the path with
/// <c>File.Exists</c> and puts it between double quotes in one argument string, which .NET splits
/// with Windows rules (also on Linux): a double quote, or a backslash before one, changes the
/// argument; a name that is not UTF-8 (escaped bytes, <see cref="PathBytes"/>) names no file
/// outside rayray; a control character (a newline) would break ffprobe's one-line messages.
/// </summary>
internal sealed class ProbeInput : IDisposable
{
    private readonly TemporaryLink? _link;

    private ProbeInput(string path, TemporaryLink? link)
    {
        Path = path;
        _link = link;
    }

    public string Path { get; }

    /// <summary>
    /// True when the path cannot be handed to FFMpegCore as it is. Every backslash counts on Unix
    /// (only one before a quote or at the end would be misread, but a rule that simple is easy to trust);
    /// on Windows it is the separator, and no name there holds a double quote.
    /// </summary>
    public static bool NeedsLink(string path) =>
        PathBytes.HasEscapes(path) || path.Any(c => c == '"' || char.IsControl(c) || (c == '\\' && !OperatingSystem.IsWindows()));

    /// <exception cref="IOException">The file needs a link and none could be made.</exception>
    /// <exception cref="UnauthorizedAccessException">The file needs a link and none could be made.</exception>
    public static ProbeInput For(string file)
    {
        // A full path also keeps ffprobe from reading a name such as "concat:a.mp4" as a protocol.
        var full = System.IO.Path.GetFullPath(file);
        if (!NeedsLink(full))
            return new ProbeInput(full, null);
        var link = TemporaryLink.Create("rayray-probe-", "input" + PlainExtension(full), full);
        if (NeedsLink(link.Path))
        {
            link.Dispose();
            throw new IOException($"the temporary folder {link.Folder} has a name ffprobe cannot be given either");
        }
        return new ProbeInput(link.Path, link);
    }

    /// <summary>The extension when it is plain ASCII letters and digits (ffprobe uses it as a hint for raw streams), else none.</summary>
    private static string PlainExtension(string path)
    {
        var extension = System.IO.Path.GetExtension(path);
        return extension.Length > 1 && extension[1..].All(char.IsAsciiLetterOrDigit) ? extension : "";
    }

    public void Dispose() => _link?.Dispose();
}
