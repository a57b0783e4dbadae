using Rayray.Core.Documents;
using Rayray.Core.Extraction.Xmp;

namespace Rayray.Core.Normalization;

/// <summary>
/// The hierarchical keywords of an XMP packet as <see cref="TagPath"/>s: Lightroom's <c>lr:hierarchicalSubject</c>
/// (<c>|</c> between levels), digiKam's <c>digiKam:TagsList</c> (<c>/</c>), Phase One Media Pro's (iView's)
/// <c>mediapro:CatalogSets</c> (<c>|</c>) and Windows Photo Gallery's <c>MicrosoftPhoto:LastKeywordXMP</c> (<c>/</c>).
/// Each path once, ignoring case, in that order.
/// </summary>
internal static class XmpTagPaths
{
    public const string Lightroom = "http://ns.adobe.com/lightroom/1.0/";
    public const string MediaPro = "http://ns.iview-multimedia.com/mediapro/1.0/";
    public const string MicrosoftPhotoKeywords = "http://ns.microsoft.com/photo/1.0/";

    private static readonly (string Namespace, string Name, char Separator)[] Sources =
    [
        (Lightroom, "hierarchicalSubject", '|'),
        (XmpPeople.DigiKam, "TagsList", '/'),
        (MediaPro, "CatalogSets", '|'),
        (MicrosoftPhotoKeywords, "LastKeywordXMP", '/'),
    ];

    public static List<string> Read(XmpProperties xmp)
    {
        var paths = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (ns, name, separator) in Sources)
        {
            foreach (var item in xmp.Items(ns, name))
            {
                if (TagPath.Normalize(item, separator) is { } path && seen.Add(path))
                    paths.Add(path);
            }
        }
        return paths;
    }
}
