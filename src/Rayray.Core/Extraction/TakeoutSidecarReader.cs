using System.Text.Json;
using System.Text.Json.Nodes;
using Rayray.Core.Walking;

namespace Rayray.Core.Extraction;

/// <summary>Reads the Google Takeout JSON the walker paired with a file; what it says is decided in normalization (TakeoutFacts).</summary>
internal static class TakeoutSidecarReader
{
    /// <summary>Takeout's sidecars are about a kilobyte; anything far larger is not one.</summary>
    private const int MaxBytes = 1024 * 1024;

    /// <summary>The JSON object; an empty one (with a note) when the file is not one, so it is still recorded and not read again until it changes; null when it could not be read.</summary>
    public static JsonObject? Read(WalkedFile file, List<string> notes)
    {
        if (file.TakeoutSidecar is not { } sidecar)
            return null;
        var name = Path.GetFileName(sidecar.Path);
        var bytes = SidecarBytes.Read(sidecar, MaxBytes, "Takeout sidecar", notes, out var tooLarge);
        if (bytes is null)
            return tooLarge ? [] : null;
        try
        {
            if (JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = 64 }) is JsonObject json)
                return json;
            notes.Add($"Takeout sidecar {name} is not a JSON object; it was not used");
        }
        catch (JsonException e)
        {
            notes.Add($"Takeout sidecar {name} is not valid JSON ({e.Message}); it was not used");
        }
        return [];
    }
}
