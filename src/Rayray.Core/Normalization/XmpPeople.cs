using Rayray.Core.Documents;
using Rayray.Core.Extraction.Xmp;

namespace Rayray.Core.Normalization;

/// <summary>
/// The people an XMP packet names, in the order it names them: MWG face regions (<c>mwg-rs:RegionList</c>, written
/// by Lightroom, Picasa, digiKam, Apple and Google tools), Microsoft Photo regions (<c>MP:RegionInfo</c>, Windows
/// Photo Gallery), IPTC's <c>Iptc4xmpExt:PersonInImage</c>, and digiKam's face tags (<c>digiKam:TagsList</c> under
/// <c>People/</c>). Each name once, ignoring case.
/// </summary>
internal static class XmpPeople
{
    public const string Mwg = "http://www.metadataworkinggroup.com/schemas/regions/";
    public const string MicrosoftPhoto = "http://ns.microsoft.com/photo/1.2/";
    public const string MicrosoftRegionInfo = "http://ns.microsoft.com/photo/1.2/t/RegionInfo#";
    public const string MicrosoftRegion = "http://ns.microsoft.com/photo/1.2/t/Region#";
    public const string IptcExtension = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
    public const string DigiKam = "http://www.digikam.org/ns/1.0/";

    /// <summary>digiKam's own tags under People for faces it has not named; not people.</summary>
    private static readonly HashSet<string> DigiKamFaceStates = new(StringComparer.OrdinalIgnoreCase) { "Unknown", "Unconfirmed", "Ignored" };

    public static List<string> Read(XmpProperties xmp)
    {
        var people = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Add(string? name)
        {
            if (TagValues.Clean(name) is { } clean && seen.Add(clean))
                people.Add(clean);
        }

        if (Path(Mwg, "Regions", Mwg, "RegionList") is { } mwgList && XmpProperties.PathOf(Mwg, "Name") is { } name)
        {
            var types = XmpProperties.PathOf(Mwg, "Type") is { } type ? xmp.StructFields(mwgList, type) : [];
            foreach (var (index, regionName) in xmp.StructFields(mwgList, name))
            {
                // MWG regions also mark pets, barcodes and focus points; a region without a type is taken as a face.
                if (types.GetValueOrDefault(index) is not { } kind || kind.Equals("Face", StringComparison.OrdinalIgnoreCase))
                    Add(regionName);
            }
        }
        if (Path(MicrosoftPhoto, "RegionInfo", MicrosoftRegionInfo, "Regions") is { } msList && XmpProperties.PathOf(MicrosoftRegion, "PersonDisplayName") is { } displayName)
        {
            foreach (var personName in xmp.StructFields(msList, displayName).Values)
                Add(personName);
        }
        xmp.Items(IptcExtension, "PersonInImage").ForEach(Add);
        foreach (var tag in xmp.Items(DigiKam, "TagsList"))
        {
            if (TagPath.Normalize(tag, '/') is { } path && path.StartsWith("People|", StringComparison.OrdinalIgnoreCase))
            {
                var leaf = path[(path.LastIndexOf(TagPath.Separator) + 1)..];
                if (!(path.Count(c => c == TagPath.Separator) == 1 && DigiKamFaceStates.Contains(leaf)))
                    Add(leaf);
            }
        }
        return people;
    }

    private static string? Path(string outerNamespace, string outer, string innerNamespace, string inner) =>
        XmpProperties.PathOf(outerNamespace, outer) is { } first && XmpProperties.PathOf(innerNamespace, inner) is { } second ? first + "/" + second : null;
}
