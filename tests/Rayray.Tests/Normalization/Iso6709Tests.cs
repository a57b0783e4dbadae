using Rayray.Core.Normalization;

namespace Rayray.Tests.Normalization;

public sealed class Iso6709Tests
{
    [Theory]
    [InlineData("+37.7749-122.4194/", 37.7749, -122.4194, null)]
    [InlineData("+37.7749-122.4194+012.500/", 37.7749, -122.4194, 12.5)]
    [InlineData("-33.8688+151.2093-005.2/", -33.8688, 151.2093, -5.2)]
    [InlineData("+4044.2345-07359.1234/", 40.737241667, -73.985390, null)]
    [InlineData("+404426-0735912/", 40.740556, -73.986667, null)]
    [InlineData("+404426.5-0735912.5+10CRSWGS_84/", 40.740694, -73.986806, 10.0)]
    [InlineData("+48.8584+002.2945", 48.8584, 2.2945, null)]
    public void Points_in_degrees_minutes_or_seconds_parse(string text, double latitude, double longitude, double? altitude)
    {
        var point = Iso6709.Parse(text);

        Assert.NotNull(point);
        Assert.Equal(latitude, point.Value.Latitude, 5);
        Assert.Equal(longitude, point.Value.Longitude, 5);
        Assert.Equal(altitude, point.Value.Altitude);
    }

    [Theory]
    [InlineData("")]
    [InlineData("somewhere")]
    [InlineData("37.7749,-122.4194")]
    [InlineData("+1234567-1/")]
    public void Anything_else_is_not_a_point(string text) => Assert.Null(Iso6709.Parse(text));
}
