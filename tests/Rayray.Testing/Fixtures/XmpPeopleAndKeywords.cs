namespace Rayray.Testing.Fixtures;

/// <summary>
/// The people and keyword hierarchies an XMP packet may carry: MWG face regions (name, and type: "Face", "Pet"…; a
/// null name is an unnamed face), Microsoft Photo regions (PersonDisplayName), IPTC's PersonInImage, Lightroom's
/// lr:hierarchicalSubject ("|" between levels), digiKam's TagsList ("/") and Media Pro's CatalogSets ("|").
/// </summary>
public sealed record XmpPeopleAndKeywords
{
    public IReadOnlyList<(string? Name, string Type)>? FaceRegions { get; init; }
    public IReadOnlyList<string>? MicrosoftPeople { get; init; }
    public IReadOnlyList<string>? PersonInImage { get; init; }
    public IReadOnlyList<string>? HierarchicalSubjects { get; init; }
    public IReadOnlyList<string>? DigiKamTags { get; init; }
    public IReadOnlyList<string>? CatalogSets { get; init; }
}
