using System.Security.Cryptography;
using System.Text;
using Rayray.Core.Documents;
using Rayray.Core.Extraction;
using Rayray.Core.Formats;

namespace Rayray.Core.Writing.Stacking;

/// <summary>
/// What decides a content's stack, from its document or what a store holds of it. <see cref="Key"/>
/// names the files that may be stacked together, so a store can look them up by it: a burst id in
/// a folder, otherwise a base name (<see cref="StackName"/>) in a folder. Only pictures are stacked;
/// a Live Photo's movie is linked through <c>pairedWith</c> instead.
/// </summary>
/// <param name="Moment">When it was taken, to the second, on the camera's clock; files of one shot agree on it.</param>
public sealed record StackFacts(
    string Hash,
    string Key,
    string Name,
    string? Moment,
    bool IsRaw,
    StackName Parsed,
    string? BurstId,
    string? Taken,
    StackMembership? Stored)
{
    /// <summary>The facts of a content; null when it is not a picture, so it is never stacked.</summary>
    /// <param name="taken">The local capture time as ISO 8601 (its first 19 characters are the moment).</param>
    public static StackFacts? Of(string hash, string primaryPath, MediaKind kind, string? taken, string? burstId, StackMembership? stored)
    {
        if (kind != MediaKind.Image || UnreadableHash.IsPlaceholder(hash))
            return null;
        var name = Path.GetFileName(primaryPath);
        var parsed = StackName.Parse(name);
        var folder = LocationFolder.Of(primaryPath);
        var key = burstId is { Length: > 0 } ? $"burst\n{folder}\n{burstId}" : $"name\n{folder}\n{parsed.Base}";
        var moment = taken is { Length: >= 19 } ? taken[..19] : null;
        return new StackFacts(hash, key, name, moment, MediaFormats.IsRawExtension(MediaFormats.ExtensionOf(name)), parsed, burstId, taken, stored);
    }

    /// <summary>The same content named after another of its paths.</summary>
    public StackFacts? MovedTo(string primaryPath) => Of(Hash, primaryPath, MediaKind.Image, Taken, BurstId, Stored);

    public static StackFacts? Of(MediaDocument document) =>
        Of(document.File.Hash, document.File.Path, document.Kind, document.Timestamps.Taken?.SortKey, document.BurstId, document.Stack);

    /// <summary>The key a document is looked up by; null when it is never stacked.</summary>
    public static string? KeyOf(MediaDocument document) => Of(document)?.Key;

    public bool IsBurst => Key.StartsWith("burst\n", StringComparison.Ordinal);

    /// <summary>A stack's id: the same for every member, and the same at every rescan while the files stay where they are.</summary>
    public static string IdFor(string key, string? moment)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(moment is null ? key : $"{key}\n{moment}"));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 8));
    }
}
