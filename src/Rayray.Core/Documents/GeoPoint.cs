using System.Text.Json.Serialization;

namespace Rayray.Core.Documents;

/// <summary>A GeoJSON point: <c>coordinates</c> is [longitude, latitude].</summary>
public sealed record GeoPoint
{
    [JsonConstructor]
    public GeoPoint(string type, double[] coordinates)
    {
        if (type != "Point" || coordinates is not { Length: 2 })
            throw new ArgumentException("A GeoPoint is {type: \"Point\", coordinates: [lon, lat]}.", nameof(coordinates));
        Type = type;
        Coordinates = coordinates;
    }

    public static GeoPoint? TryCreate(double latitude, double longitude) =>
        IsValid(latitude, longitude) ? new GeoPoint("Point", [longitude, latitude]) : null;

    public static bool IsValid(double latitude, double longitude) =>
        double.IsFinite(latitude) && double.IsFinite(longitude) &&
        latitude is >= -90 and <= 90 && longitude is >= -180 and <= 180;

    public string Type { get; }
    public double[] Coordinates { get; }

    [JsonIgnore] public double Longitude => Coordinates[0];
    [JsonIgnore] public double Latitude => Coordinates[1];

    public bool Equals(GeoPoint? other) =>
        other is not null && Longitude.Equals(other.Longitude) && Latitude.Equals(other.Latitude);

    public override int GetHashCode() => HashCode.Combine(Longitude, Latitude);
}
