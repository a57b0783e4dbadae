using Rayray.Core.Documents;
using Rayray.Core.Extraction.Xmp;

namespace Rayray.Core.Normalization;

/// <summary>The user-facing facts an XMP packet (embedded or a sidecar) can carry.</summary>
internal sealed record XmpFacts
{
    public const string Dc = "http://purl.org/dc/elements/1.1/";
    public const string Xmp = "http://ns.adobe.com/xap/1.0/";
    public const string Exif = "http://ns.adobe.com/exif/1.0/";
    public const string ExifEx = "http://cipa.jp/exif/1.0/";
    public const string Tiff = "http://ns.adobe.com/tiff/1.0/";
    public const string Photoshop = "http://ns.adobe.com/photoshop/1.0/";
    public const string Aux = "http://ns.adobe.com/exif/1.0/aux/";
    public const string XmpRights = "http://ns.adobe.com/xap/1.0/rights/";
    public const string PhotoMechanic = "http://ns.camerabits.com/photomechanic/1.0/";

    public string? Title { get; init; }
    public string? Description { get; init; }
    public string? Creator { get; init; }
    public string? Rights { get; init; }
    public List<string> Subjects { get; init; } = [];

    /// <summary>Hierarchical keywords (<see cref="XmpTagPaths"/>), as tag paths.</summary>
    public List<string> TagPaths { get; init; } = [];

    /// <summary>The people named in face regions and person fields (<see cref="XmpPeople"/>).</summary>
    public List<string> People { get; init; } = [];
    public int? Rating { get; init; }
    public string? Label { get; init; }
    public CaptureTime? DateTimeOriginal { get; init; }
    public CaptureTime? CreateDate { get; init; }
    public CaptureTime? DateCreated { get; init; }

    /// <summary>A creation date recorded without a time of day (a scanned print's, say): midnight, no offset.</summary>
    public CaptureTime? DayCreated { get; init; }
    public int? Orientation { get; init; }
    public string? Make { get; init; }
    public string? Model { get; init; }
    public string? Lens { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }

    public static XmpFacts Read(XmpProperties xmp) => new()
    {
        Title = Clean(xmp.DefaultText(Dc, "title")),
        Description = Clean(xmp.DefaultText(Dc, "description")),
        Creator = Items(xmp, Dc, "creator").FirstOrDefault(),
        Rights = Clean(xmp.DefaultText(Dc, "rights")),
        Subjects = Items(xmp, Dc, "subject"),
        TagPaths = XmpTagPaths.Read(xmp),
        People = XmpPeople.Read(xmp),
        Rating = int.TryParse(Property(xmp, Xmp, "Rating"), out var rating) ? rating : null,
        Label = Property(xmp, Xmp, "Label"),
        DateTimeOriginal = DateAndTime(xmp, Exif, "DateTimeOriginal") ?? DateAndTime(xmp, ExifEx, "DateTimeOriginal"),
        CreateDate = DateAndTime(xmp, Xmp, "CreateDate"),
        DateCreated = DateAndTime(xmp, Photoshop, "DateCreated")
                      ?? ExifDateParser.ParseDateAndTime(Property(xmp, Photoshop, "DateCreated"), Property(xmp, PhotoMechanic, "TimeCreated")),
        DayCreated = Day(xmp, Photoshop, "DateCreated") ?? Day(xmp, Exif, "DateTimeOriginal") ?? Day(xmp, Xmp, "CreateDate"),
        Orientation = int.TryParse(Property(xmp, Tiff, "Orientation"), out var orientation) ? orientation : null,
        Make = Property(xmp, Tiff, "Make"),
        Model = Property(xmp, Tiff, "Model"),
        Lens = Property(xmp, ExifEx, "LensModel") ?? Property(xmp, Aux, "Lens"),
        Latitude = XmpGps.Parse(Property(xmp, Exif, "GPSLatitude")),
        Longitude = XmpGps.Parse(Property(xmp, Exif, "GPSLongitude")),
    };

    /// <summary>The sidecar's facts over the embedded ones, field by field (the sidecar holds the user's edits); keywords and people are the union.</summary>
    public static XmpFacts? Merge(XmpFacts? sidecar, XmpFacts? embedded)
    {
        if (sidecar is null || embedded is null)
            return sidecar ?? embedded;
        return new XmpFacts
        {
            Title = sidecar.Title ?? embedded.Title,
            Description = sidecar.Description ?? embedded.Description,
            Creator = sidecar.Creator ?? embedded.Creator,
            Rights = sidecar.Rights ?? embedded.Rights,
            Subjects = Union(sidecar.Subjects, embedded.Subjects),
            TagPaths = Union(sidecar.TagPaths, embedded.TagPaths),
            People = Union(sidecar.People, embedded.People),
            Rating = sidecar.Rating ?? embedded.Rating,
            Label = sidecar.Label ?? embedded.Label,
            DateTimeOriginal = sidecar.DateTimeOriginal ?? embedded.DateTimeOriginal,
            CreateDate = sidecar.CreateDate ?? embedded.CreateDate,
            DateCreated = sidecar.DateCreated ?? embedded.DateCreated,
            DayCreated = sidecar.DayCreated ?? embedded.DayCreated,
            Orientation = sidecar.Orientation ?? embedded.Orientation,
            Make = sidecar.Make ?? embedded.Make,
            Model = sidecar.Model ?? embedded.Model,
            Lens = sidecar.Lens ?? embedded.Lens,
            Latitude = sidecar.Latitude is not null && sidecar.Longitude is not null ? sidecar.Latitude : embedded.Latitude,
            Longitude = sidecar.Latitude is not null && sidecar.Longitude is not null ? sidecar.Longitude : embedded.Longitude,
        };
    }

    /// <summary>The capture time this packet states, most specific first.</summary>
    public CaptureTime? CaptureTime => DateTimeOriginal ?? CreateDate ?? DateCreated ?? DayCreated;

    public bool HasPosition => Latitude is not null && Longitude is not null;

    private static string? Clean(string? text) => TagValues.Clean(text);

    /// <summary>The first list, then what the second adds (ignoring case).</summary>
    public static List<string> Union(IEnumerable<string> first, IEnumerable<string> second)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        return [.. first.Concat(second).Where(seen.Add)];
    }

    private static string? Property(XmpProperties xmp, string ns, string name) => Clean(xmp.Simple(ns, name));

    private static List<string> Items(XmpProperties xmp, string ns, string name) =>
        [.. xmp.Items(ns, name).Select(Clean).OfType<string>()];

    private static CaptureTime? DateAndTime(XmpProperties xmp, string ns, string name) =>
        ExifDateParser.ParseIsoWithTime(Property(xmp, ns, name));

    private static CaptureTime? Day(XmpProperties xmp, string ns, string name) =>
        ExifDateParser.ParseIsoWithTime(Property(xmp, ns, name)) is null ? ExifDateParser.ParseIso(Property(xmp, ns, name)) : null;
}
