namespace Rayray.Core.Places;

/// <summary>
/// Offline reverse geocoding and the time zone at a point, from data embedded in this assembly:
/// cities, regions and zones from GeoNames (CC BY 4.0, geonames.org), country boundaries from
/// Natural Earth (public domain, naturalearthdata.com). See README.md beside this file.
/// </summary>
public sealed class Gazetteer
{
    /// <summary>1:10m coastlines are coarse (and quantized to ~200–400 m): a harbour, a beach or a pier
    /// can fall just outside them. Within this distance of a coast the point takes that country.</summary>
    internal const double CoastToleranceKm = 2;

    /// <summary>Islands too small for 1:10m (Capri, atolls) are known only by their towns, which lie outside
    /// every polygon: a point at sea within this distance of such a town takes the town's country.</summary>
    internal const double OffshoreTownRadiusKm = 5;

    /// <summary>Farther than this from every city of its country, a point has no city.</summary>
    internal const double MaxCityDistanceKm = 50;

    /// <summary>A point with no city still takes the region of the nearest city of its country this near.</summary>
    internal const double MaxRegionDistanceKm = 150;

    /// <summary>A point in a country takes the zone of the nearest city of that country this near.</summary>
    internal const double MaxZoneDistanceKm = 500;

    /// <summary>A point at sea takes the zone of the nearest city of any country this near.</summary>
    internal const double SeaZoneDistanceKm = 50;

    private static readonly Lazy<Gazetteer> Loaded = new(
        () => new Gazetteer(PlacesResource.Read(PlacesResource.Countries), PlacesResource.Read(PlacesResource.Cities)),
        LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly CountryPolygons _countries;
    private readonly CityIndex _cities;

    internal Gazetteer(ReadOnlySpan<byte> countries, ReadOnlySpan<byte> cities)
    {
        _countries = new CountryPolygons(countries);
        _cities = new CityIndex(cities);
    }

    /// <summary>Loaded lazily once from the embedded resources; safe to use from any thread.</summary>
    public static Gazetteer Shared => Loaded.Value;

    internal CountryPolygons Countries => _countries;

    internal CityIndex Cities => _cities;

    /// <summary>The place at a point, or null at sea, in no country, or for a point that is not one.</summary>
    public Place? PlaceAt(double latitude, double longitude)
    {
        if (!Earth.TryNormalize(latitude, longitude, out longitude))
            return null;
        var country = CountryAt(latitude, longitude);
        if (country < 0)
            return null;
        var code = _countries.Shapes.Codes[country];
        var point = Earth.UnitVector(latitude, longitude);
        var (city, _) = _cities.Best(code, point, MaxCityDistanceKm);
        var regionSource = city >= 0 ? city : _cities.Nearest(code, point, MaxRegionDistanceKm).Id;
        return new Place(
            city >= 0 ? _cities.NameOf(city) : null,
            regionSource >= 0 ? _cities.RegionOf(regionSource) : null,
            _countries.Shapes.Names[country],
            code);
    }

    /// <summary>The IANA zone id at a point (that of the nearest city of its country), or null when unknown.</summary>
    public string? ZoneAt(double latitude, double longitude)
    {
        if (!Earth.TryNormalize(latitude, longitude, out longitude))
            return null;
        var point = Earth.UnitVector(latitude, longitude);
        var country = CountryAt(latitude, longitude);
        var (city, _) = country >= 0
            ? _cities.Nearest(_countries.Shapes.Codes[country], point, MaxZoneDistanceKm)
            : _cities.NearestAnywhere(point, SeaZoneDistanceKm);
        return city >= 0 ? _cities.ZoneOf(city) : null;
    }

    // Inside a polygon; else the nearer of a coast within the tolerance and an offshore town.
    private int CountryAt(double latitude, double longitude)
    {
        var inside = _countries.CountryContaining(latitude, longitude);
        if (inside >= 0)
            return inside;
        var (coast, coastKm) = _countries.NearestCoast(latitude, longitude, CoastToleranceKm);
        var (town, townKm) = _cities.NearestOffshore(Earth.UnitVector(latitude, longitude), OffshoreTownRadiusKm);
        if (town >= 0 && (coast < 0 || townKm < coastKm))
            return _countries.Shapes.IndexOf(_cities.CountryCodeOf(town));
        return coast;
    }
}
