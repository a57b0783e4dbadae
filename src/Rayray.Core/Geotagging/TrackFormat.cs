namespace Rayray.Core.Geotagging;

/// <summary>The track log formats rayray reads.</summary>
public enum TrackFormat
{
    /// <summary>GPX 1.0 or 1.1: track and route points.</summary>
    Gpx,

    /// <summary>KML 2.2: <c>gx:Track</c> and Placemarks with a <c>TimeStamp</c> and a <c>Point</c>.</summary>
    Kml,

    /// <summary>NMEA 0183 sentences: RMC for date, time and position, GGA for the altitude.</summary>
    Nmea,
}
