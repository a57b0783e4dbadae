using System.Text.RegularExpressions;
using MetadataExtractor;
using MetadataExtractor.Formats.Iptc;
using Rayray.Core.Documents;

namespace Rayray.Core.Normalization;

/// <summary>
/// Author, copyright, description and tags. User-edited sources win: XMP first, then IPTC, then
/// the camera's EXIF fields. Tags are the plain keywords, then the hierarchical ones as whole paths
/// (<see cref="TagPath"/>). Descriptions that cameras fill in by themselves ("OLYMPUS DIGITAL
/// CAMERA") are not descriptions and are left out (they stay in metadataRaw).
/// </summary>
internal static partial class DescriptiveReader
{
    [GeneratedRegex(@"^(?:[\w\s.,&-]*\bDIGITAL (?:STILL )?CAMERA|SONY DSC|DCIM.*|DSC_?\d*|IMG_?\d*|default|Untitled|Picture \d+|<[^>]*>|\W*)$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CameraBoilerplate();

    public static AuthorInfo? Author(MetadataView view, XmpFacts? xmp)
    {
        var author = new AuthorInfo
        {
            Name = xmp?.Creator
                   ?? TagValues.Text(view.Iptc, IptcDirectory.TagByLine)
                   ?? view.ExifText(ExifTags.Artist)
                   ?? view.ExifText(ExifTags.XpAuthor),
            Copyright = xmp?.Rights
                        ?? TagValues.Text(view.Iptc, IptcDirectory.TagCopyrightNotice)
                        ?? view.ExifText(ExifTags.Copyright),
        };
        return author.Name is null && author.Copyright is null ? null : author;
    }

    public static string? Description(MetadataView view, XmpFacts? xmp)
    {
        string?[] candidates =
        [
            xmp?.Description,
            TagValues.Text(view.Iptc, IptcDirectory.TagCaption),
            view.ExifText(ExifTags.ImageDescription),
            view.ExifText(ExifTags.XpComment),
            xmp?.Title,
            TagValues.Text(view.Iptc, IptcDirectory.TagObjectName),
            view.ExifText(ExifTags.XpTitle),
        ];
        return candidates.FirstOrDefault(text => text is not null && !IsBoilerplate(text));
    }

    public static bool IsBoilerplate(string text) => CameraBoilerplate().IsMatch(text.Trim());

    public static List<string> Tags(MetadataView view, XmpFacts? xmp)
    {
        var tags = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Add(string? tag)
        {
            // "|" always separates the levels of a tag path, so a keyword written with one is a path too.
            var clean = TagValues.Clean(tag) is { } text && text.Contains(TagPath.Separator, StringComparison.Ordinal) ? TagPath.Normalize(text) : TagValues.Clean(tag);
            if (clean is not null && seen.Add(clean))
                tags.Add(clean);
        }

        if (xmp is not null)
        {
            xmp.Subjects.ForEach(Add);
            xmp.TagPaths.ForEach(Add);
        }
        if (view.Iptc?.GetStringArray(IptcDirectory.TagKeywords) is { } keywords)
            Array.ForEach(keywords, Add);
        if (view.ExifText(ExifTags.XpKeywords) is { } xp)
            Array.ForEach(xp.Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), Add);
        return tags;
    }
}
