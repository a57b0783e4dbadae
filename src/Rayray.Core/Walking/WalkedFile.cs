using Rayray.Core.Documents;
using Rayray.Core.Formats;
using Rayray.Core.Storage;

namespace Rayray.Core.Walking;

/// <summary>A file the walker found that needs reading, with what the store knew about its path.</summary>
/// <param name="Sidecar">The XMP sidecar beside it.</param>
/// <param name="ExpectedUnchanged">Its size and mtime match what the store recorded, so its bytes should be the recorded ones (--verify checks).</param>
/// <param name="TakeoutSidecar">The Google Takeout JSON beside it.</param>
/// <param name="PicasaIni">The folder's Picasa ini, when it names faces in this file.</param>
/// <param name="Web">
/// The file is on the web: <see cref="Path"/> is its URL without credentials, <see cref="Stat"/> is
/// empty (the response tells), and <see cref="Previous"/>, when given, is asked about conditionally.
/// </param>
public sealed record WalkedFile(
    string Path, FileStat Stat, MediaFormat? FormatByExtension, KnownLocation? Previous, SidecarFile? Sidecar = null, bool ExpectedUnchanged = false,
    SidecarFile? TakeoutSidecar = null, Web.WebAddress? Web = null, SidecarFile? PicasaIni = null)
{
    public string Name => Web?.Name ?? System.IO.Path.GetFileName(Path);
}
