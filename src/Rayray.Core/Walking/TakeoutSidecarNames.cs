using Rayray.Core.Formats;

namespace Rayray.Core.Walking;

/// <summary>
/// The names Google Takeout gives the JSON it writes beside each photo or video of a Google Photos export, as
/// importers that read whole exports have found them (immich-go's matchers, ente's and Google Photos Takeout
/// Helper's issue threads):
/// <list type="bullet">
/// <item><c>NAME.json</c> (exports until 2024) and <c>NAME.supplemental-metadata.json</c> (since late 2024; an export
/// may mix both);</item>
/// <item>the part before <c>.json</c> cut to 46 characters (UTF-16 code units; the whole name at most 51), so a long name
/// loses all or part of <c>.supplemental-metadata</c> (<c>IMG_20240101_120000.jpg.supplemen.json</c>) and, past 46,
/// the end of its own name (<c>Screenshot_20220207_102421_com.snapchat.androi.json</c>);</item>
/// <item>a duplicate name's counter moved after the cut, before <c>.json</c>: <c>IMG_1234(1).jpg</c> →
/// <c>IMG_1234.jpg(1).json</c> or <c>IMG_1234.jpg.supplemental-metadata(1).json</c>;</item>
/// <item>some exports cut <c>.supplemental-metadata</c> shorter than the 46-character rule explains, and some leave
/// the media's extension out (<c>2013-12-23.supplemental-metadata(1).json</c> for <c>2013-12-23(1).jpg</c>); both are
/// tried last.</item>
/// </list>
/// Names are compared ignoring case: some exports write <c>IMG_1.JPG.json</c> beside <c>IMG_1.jpg</c>.
/// </summary>
public static class TakeoutSidecarNames
{
    private const int MaxStem = 46;
    private const string Supplemental = ".supplemental-metadata";
    private const string Json = ".json";

    public static bool IsJson(string name) => name.EndsWith(Json, StringComparison.OrdinalIgnoreCase);

    /// <summary>The JSON among <paramref name="jsonFiles"/> (file name to path) that Takeout wrote for the media file <paramref name="mediaName"/>, or null.</summary>
    public static string? Find(string mediaName, IReadOnlyDictionary<string, string> jsonFiles)
    {
        if (jsonFiles.Count == 0 || IsJson(mediaName))
            return null;
        foreach (var candidate in Candidates(mediaName))
        {
            if (jsonFiles.TryGetValue(candidate, out var path))
                return path;
        }
        return null;
    }

    /// <summary>The names Takeout may have given the JSON of <paramref name="mediaName"/>, the likeliest first.</summary>
    public static IEnumerable<string> Candidates(string mediaName)
    {
        // A name with "(1)" of its own comes first: a photo uploaded as "party(1).jpg" has "party(1).jpg.json".
        foreach (var name in Names(mediaName, ""))
            yield return name;
        if (SplitCounter(mediaName) is ({ } original, { } counter))
        {
            foreach (var name in Names(original, counter))
                yield return name;
        }
    }

    /// <summary>
    /// Whether a JSON file's name has the shape of a Takeout sidecar (a media name with <c>.json</c>, maybe a counter
    /// and a start of <c>.supplemental-metadata</c>); with <c>--all-files</c> such a file is never a document of its own.
    /// </summary>
    public static bool LooksLikeSidecar(string jsonName)
    {
        if (!IsJson(jsonName))
            return false;
        var stem = jsonName[..^Json.Length];
        if (stem.EndsWith(')') && stem.LastIndexOf('(') is var open and > 0 && IsCounter(stem.AsSpan(open + 1, stem.Length - open - 2)))
            stem = stem[..open];
        var dot = stem.LastIndexOf('.');
        if (dot < 0)
            return false;
        var last = stem[(dot + 1)..];
        if (last.Length == 0 || Supplemental.AsSpan(1).StartsWith(last, StringComparison.OrdinalIgnoreCase))
            return true;
        return MediaFormats.ByExtension(last) is not null;
    }

    private static IEnumerable<string> Names(string name, string counter)
    {
        yield return Clip(name + Supplemental) + counter + Json;
        yield return Clip(name) + counter + Json;
        for (var length = Supplemental.Length - 1; length >= 2; length--)
            yield return name + Supplemental[..length] + counter + Json;
        var withoutExtension = Path.GetFileNameWithoutExtension(name);
        if (withoutExtension.Length > 0 && withoutExtension.Length < name.Length)
        {
            yield return Clip(withoutExtension + Supplemental) + counter + Json;
            yield return Clip(withoutExtension) + counter + Json;
        }
    }

    /// <summary>"IMG_1234(1).jpg" → ("IMG_1234.jpg", "(1)"): the counter Takeout adds before the extension of a name taken twice.</summary>
    private static (string? Original, string? Counter) SplitCounter(string mediaName)
    {
        var extension = Path.GetExtension(mediaName);
        var stem = mediaName[..^extension.Length];
        if (!stem.EndsWith(')') || stem.LastIndexOf('(') is not (var open and > 0) || !IsCounter(stem.AsSpan(open + 1, stem.Length - open - 2)))
            return (null, null);
        return (stem[..open] + extension, stem[open..]);
    }

    private static bool IsCounter(ReadOnlySpan<char> digits) => digits.Length is > 0 and <= 4 && !digits.ContainsAnyExceptInRange('0', '9');

    /// <summary>
    /// The first 46 UTF-16 code units, as Java counts a string's length: an emoji counts twice (immich-go's pair
    /// "😀…😋.json" for "😀…😋😛.jpg", 23 emoji and a variation selector, is cut there). A pair cut in half loses its first half.
    /// </summary>
    private static string Clip(string text)
    {
        if (text.Length <= MaxStem)
            return text;
        var clipped = text[..MaxStem];
        return char.IsHighSurrogate(clipped[^1]) ? clipped[..^1] : clipped;
    }
}
