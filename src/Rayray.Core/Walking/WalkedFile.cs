using Rayray.Core.Documents;
using Rayray.Core.Formats;
using Rayray.Core.Storage;

namespace Rayray.Core.Walking;

/// <summary>A file the walker found that needs reading, with what the store knew about its path.</summary>
public sealed record WalkedFile(string Path, FileStat Stat, MediaFormat? FormatByExtension, KnownLocation? Previous, SidecarFile? Sidecar = null)
{
    public string Name => System.IO.Path.GetFileName(Path);
}
