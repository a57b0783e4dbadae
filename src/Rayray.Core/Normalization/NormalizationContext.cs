using NodaTime;
using Rayray.Core.Geotagging;
using Rayray.Core.Places;

namespace Rayray.Core.Normalization;

/// <summary>
/// What the normalizer knows beyond the file: the offline gazetteer (place names, the time zone at a point) and
/// the track log of <c>scan --geotag</c>. One per scan, shared by the workers.
/// </summary>
public sealed class NormalizationContext
{
    private readonly Func<Gazetteer> _places;

    /// <param name="places">The gazetteer, asked for only when a file has a position (loading it takes a moment).</param>
    public NormalizationContext(Func<Gazetteer> places, GeotagOptions? geotag = null)
    {
        _places = places;
        Geotag = geotag;
        // One delegate for the whole scan: the track log caches the zones along the track per delegate.
        ZoneAt = ZoneAtPoint;
    }

    /// <summary>rayray's own gazetteer, and no track log.</summary>
    public static NormalizationContext Default { get; } = new(() => Gazetteer.Shared);

    public GeotagOptions? Geotag { get; }

    public Func<double, double, DateTimeZone?> ZoneAt { get; }

    public Place? PlaceAt(double latitude, double longitude) => _places().PlaceAt(latitude, longitude);

    private DateTimeZone? ZoneAtPoint(double latitude, double longitude) =>
        _places().ZoneAt(latitude, longitude) is { } id ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) : null;
}
