namespace Rayray.Core.Places;

/// A place name for a point: City and Region may be null; Country/CountryCode are the country containing the point.
public sealed record Place(string? City, string? Region, string Country, string CountryCode);
