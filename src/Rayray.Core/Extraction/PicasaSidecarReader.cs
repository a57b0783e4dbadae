using System.Text.Json.Nodes;
using Rayray.Core.Walking;

namespace Rayray.Core.Extraction;

/// <summary>The people Picasa tagged in a file's faces, from the folder's ini the walker paired with it (<see cref="PicasaIni"/>).</summary>
internal static class PicasaSidecarReader
{
    /// <summary>The people, and the file's section as read (for metadataRaw); null when the file has no ini or it could not be read.</summary>
    public static PicasaFaces? Read(WalkedFile file, List<string> notes)
    {
        if (file.PicasaIni is not { } sidecar || SidecarBytes.Read(sidecar, PicasaIni.MaxBytes, "Picasa ini", notes, out _) is not { } bytes)
            return null;
        var ini = PicasaIni.Parse(bytes);
        var (people, unknown) = ini.PeopleIn(file.Name);
        if (unknown > 0)
            notes.Add($"Picasa tagged {unknown} face(s) with contacts whose names are not in {Path.GetFileName(sidecar.Path)} (Picasa kept them in its own contacts.xml)");
        var section = new JsonObject();
        foreach (var (key, value) in ini.SectionOf(file.Name) ?? new Dictionary<string, string>())
            section[key] = value;
        return new PicasaFaces(people, section);
    }
}

/// <summary>What a Picasa ini says of one file: the names of the people tagged in it, and its section as read.</summary>
public sealed record PicasaFaces(IReadOnlyList<string> People, JsonObject Section);
