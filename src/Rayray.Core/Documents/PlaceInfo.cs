namespace Rayray.Core.Documents;

/// <summary>
/// Where a document's position is, in words: the nearest GeoNames place of 1,000 people or more in the country
/// that contains the position, its first-level region, and the country (offline; GeoNames, CC BY 4.0).
/// </summary>
public sealed record PlaceInfo
{
    public string? City { get; init; }
    public string? Region { get; init; }
    public string? Country { get; init; }

    /// <summary>ISO 3166-1 alpha-2 ("PT").</summary>
    public string? CountryCode { get; init; }
}
