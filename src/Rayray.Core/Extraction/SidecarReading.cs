using Rayray.Core.Walking;

namespace Rayray.Core.Extraction;

/// <summary>Reads the XMP sidecar the walker found beside a file (<c>photo.jpg.xmp</c>, <c>photo.xmp</c>).</summary>
internal static class SidecarReading
{
    private const int MaxSidecarBytes = 16 * 1024 * 1024;

    /// <summary>The sidecar's properties; null, with a note, when it is too large, hostile or unreadable.</summary>
    public static Xmp.XmpProperties? Read(WalkedFile file, List<string> notes)
    {
        if (file.Sidecar is not { } sidecar)
            return null;
        if (SidecarBytes.Read(sidecar, MaxSidecarBytes, "sidecar", notes, out _) is not { } bytes)
            return null;
        if (XmpPacketScanner.Problem(bytes) is { } problem)
        {
            notes.Add($"sidecar {Path.GetFileName(sidecar.Path)} {problem}; it was not read");
            return null;
        }
        var xmp = Xmp.XmpPackets.Read(bytes, 0, bytes.Length);
        foreach (var error in xmp.Errors)
            notes.Add($"sidecar {Path.GetFileName(sidecar.Path)}: {error}");
        return Xmp.XmpPackets.PropertiesOf(xmp);
    }
}
