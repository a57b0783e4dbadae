using System.Diagnostics;
using Rayray.Core.Places;
using Xunit.Abstractions;

namespace Rayray.Tests.Places;

public sealed class GazetteerTests(ITestOutputHelper output)
{
    private static readonly Gazetteer Places = Gazetteer.Shared;

    [Fact]
    public void A_point_in_lisbon_is_lisbon_portugal()
    {
        Assert.Equal(new Place("Lisbon", "Lisbon", "Portugal", "PT"), Places.PlaceAt(38.7108, -9.1366));
        Assert.Equal("Europe/Lisbon", Places.ZoneAt(38.7108, -9.1366));
    }

    [Fact]
    public void A_point_in_tokyo_is_tokyo_japan_on_tokyo_time()
    {
        Assert.Equal(new Place("Tokyo", "Tokyo", "Japan", "JP"), Places.PlaceAt(35.6812, 139.7671));
        Assert.Equal("Asia/Tokyo", Places.ZoneAt(35.6812, 139.7671));
    }

    [Fact]
    public void A_point_in_sydney_is_sydney_on_sydney_time()
    {
        Assert.Equal(new Place("Sydney", "New South Wales", "Australia", "AU"), Places.PlaceAt(-33.8688, 151.2093));
        Assert.Equal("Australia/Sydney", Places.ZoneAt(-33.8688, 151.2093));
    }

    [Fact]
    public void A_suburb_close_to_a_large_city_is_named_after_the_city() =>
        Assert.Equal("Sydney", Places.PlaceAt(-33.8915, 151.2767)?.City); // Bondi Beach, 7 km from the centre

    [Theory]
    [InlineData("Phoenix", 33.4484, -112.0740, "America/Phoenix")]
    [InlineData("Flagstaff", 35.1983, -111.6513, "America/Phoenix")]
    [InlineData("Tuba City", 36.1350, -111.2399, "America/Denver")] // Navajo Nation: daylight saving time
    [InlineData("Window Rock", 35.6806, -109.0526, "America/Denver")]
    [InlineData("First Mesa", 35.8367, -110.3815, "America/Phoenix")] // Hopi, inside the Navajo Nation: no DST
    public void Arizona_keeps_standard_time_but_the_navajo_nation_does_not(string city, double latitude, double longitude, string zone)
    {
        Assert.Equal(city, Places.PlaceAt(latitude, longitude)?.City);
        Assert.Equal(zone, Places.ZoneAt(latitude, longitude));
    }

    [Theory]
    [InlineData(48.5839, 7.7455, "Strasbourg", "FR", "Europe/Paris")]
    [InlineData(48.5728, 7.8152, "Kehl", "DE", "Europe/Berlin")]
    [InlineData(50.2446, 127.4902, "Heihe", "CN", "Asia/Shanghai")]
    [InlineData(50.2727, 127.5404, "Blagoveshchensk", "RU", "Asia/Yakutsk")]
    [InlineData(32.5027, -117.0037, "Tijuana", "MX", "America/Tijuana")]
    [InlineData(32.7157, -117.1611, "San Diego", "US", "America/Los_Angeles")]
    [InlineData(32.5520, -117.0431, "Imperial Beach", "US", "America/Los_Angeles")] // San Ysidro, 1 km north of the border
    [InlineData(31.7202, -106.4608, "Ciudad Juárez", "MX", "America/Ciudad_Juarez")]
    [InlineData(31.7587, -106.4869, "El Paso", "US", "America/Denver")]
    [InlineData(47.5584, 7.5733, "Basel", "CH", "Europe/Zurich")]
    [InlineData(47.5951, 7.6108, "Weil am Rhein", "DE", "Europe/Berlin")]
    [InlineData(47.5904, 7.5617, "Saint-Louis", "FR", "Europe/Paris")]
    public void Points_a_few_kilometres_from_a_border_are_on_their_own_side(double latitude, double longitude, string city, string code, string zone)
    {
        var place = Places.PlaceAt(latitude, longitude);

        Assert.Equal(code, place?.CountryCode);
        Assert.Equal(city, place?.City);
        Assert.Equal(zone, Places.ZoneAt(latitude, longitude));
    }

    [Theory]
    [InlineData(30, -40)]
    [InlineData(0, 0)] // "null island", where cameras without a fix put their photos
    public void A_point_in_the_middle_of_the_atlantic_has_no_place_and_no_zone(double latitude, double longitude)
    {
        Assert.Null(Places.PlaceAt(latitude, longitude));
        Assert.Null(Places.ZoneAt(latitude, longitude));
    }

    [Fact]
    public void A_point_in_a_harbour_just_off_the_coastline_is_still_in_the_country()
    {
        Assert.True(Places.Countries.CountryContaining(38.7000, -9.1600) < 0, "the Tagus off Lisbon is water at 1:10m");
        Assert.Equal(new Place("Lisbon", "Lisbon", "Portugal", "PT"), Places.PlaceAt(38.7000, -9.1600));
    }

    [Fact]
    public void A_point_five_kilometres_out_at_sea_has_no_place_but_the_coast_zone()
    {
        Assert.Null(Places.PlaceAt(-23.02, -43.1822)); // off Copacabana
        Assert.Equal("America/Sao_Paulo", Places.ZoneAt(-23.02, -43.1822));
    }

    [Fact]
    public void An_island_too_small_for_the_map_is_found_by_its_towns()
    {
        Assert.True(Places.Countries.CountryContaining(40.5508, 14.2426) < 0, "Capri is not on the 1:10m map");
        Assert.Equal(new Place("Capri", "Campania", "Italy", "IT"), Places.PlaceAt(40.5508, 14.2426));
        Assert.Equal("Europe/Rome", Places.ZoneAt(40.5508, 14.2426));
    }

    [Theory]
    [InlineData(4.9224, -52.3135, "Cayenne", "French Guiana", "GF", "America/Cayenne")]
    [InlineData(78.2232, 15.6267, "Longyearbyen", "Svalbard and Jan Mayen", "SJ", "Arctic/Longyearbyen")]
    [InlineData(42.6629, 21.1655, "Pristina", "Kosovo", "XK", "Europe/Belgrade")]
    [InlineData(-45.5752, -72.0662, "Coyhaique", "Chile", "CL", "America/Coyhaique")]
    public void Territories_that_natural_earth_draws_inside_another_country_take_their_own_code(
        double latitude, double longitude, string city, string country, string code, string zone)
    {
        var place = Places.PlaceAt(latitude, longitude);

        Assert.Equal((city, country, code), (place?.City, place?.Country, place?.CountryCode));
        Assert.Equal(zone, Places.ZoneAt(latitude, longitude));
    }

    [Fact]
    public void Crimea_is_in_ukraine_as_geonames_and_iso_3166_have_it() =>
        Assert.Equal(("Simferopol", "UA"), (Places.PlaceAt(44.9521, 34.1024)?.City, Places.PlaceAt(44.9521, 34.1024)?.CountryCode));

    [Fact]
    public void Antarctica_is_a_country_without_cities_away_from_mcmurdo()
    {
        Assert.Equal(new Place("McMurdo Station", null, "Antarctica", "AQ"), Places.PlaceAt(-77.846, 166.676));
        Assert.Equal("Antarctica/McMurdo", Places.ZoneAt(-77.846, 166.676));
        Assert.Equal(new Place(null, null, "Antarctica", "AQ"), Places.PlaceAt(-78.46, 106.84)); // Vostok station
        Assert.Null(Places.ZoneAt(-78.46, 106.84));
    }

    [Fact]
    public void Bir_tawil_is_in_sudan_as_natural_earth_draws_it()
    {
        var place = Places.PlaceAt(21.87, 33.74);

        Assert.Equal(("Sudan", "SD", null), (place?.Country, place?.CountryCode, place?.City));
        Assert.Equal("Africa/Khartoum", Places.ZoneAt(21.87, 33.74));
    }

    [Theory]
    [InlineData(-16.85, 179.98, "FJ", "Pacific/Fiji")] // Taveuni, west of the antimeridian
    [InlineData(-16.85, -179.95, "FJ", "Pacific/Fiji")] // and east of it
    [InlineData(67.5, 179.5, "RU", "Asia/Anadyr")] // Chukotka
    [InlineData(67.5, -179.5, "RU", "Asia/Anadyr")]
    [InlineData(67.5, 180, "RU", "Asia/Anadyr")]
    [InlineData(67.5, -180, "RU", "Asia/Anadyr")]
    public void Points_either_side_of_the_antimeridian_are_found(double latitude, double longitude, string code, string zone)
    {
        Assert.Equal(code, Places.PlaceAt(latitude, longitude)?.CountryCode);
        Assert.Equal(zone, Places.ZoneAt(latitude, longitude));
    }

    [Fact]
    public void The_poles_and_points_that_are_not_points_do_not_throw()
    {
        Assert.Null(Places.PlaceAt(90, 0));
        Assert.Null(Places.PlaceAt(90, 180));
        Assert.Equal("AQ", Places.PlaceAt(-90, 0)?.CountryCode);
        Assert.Equal("AQ", Places.PlaceAt(-90, -180)?.CountryCode);
        Assert.Null(Places.PlaceAt(double.NaN, 0));
        Assert.Null(Places.ZoneAt(0, double.PositiveInfinity));
        Assert.Null(Places.PlaceAt(91, 0));
        Assert.Equal(Places.PlaceAt(38.7108, -9.1366), Places.PlaceAt(38.7108, -9.1366 + 720));
    }

    [Fact]
    public void Lookups_from_many_threads_agree_with_one_thread()
    {
        var points = Enumerable.Range(0, 2000).Select(i => (Latitude: -60 + (i * 0.061 % 130), Longitude: -180 + (i * 0.37 % 360))).ToArray();
        var expected = points.Select(p => (Places.PlaceAt(p.Latitude, p.Longitude), Places.ZoneAt(p.Latitude, p.Longitude))).ToArray();
        var actual = new (Place?, string?)[points.Length];

        Parallel.For(0, points.Length, i => actual[i] = (Places.PlaceAt(points[i].Latitude, points[i].Longitude), Places.ZoneAt(points[i].Latitude, points[i].Longitude)));

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Loading_and_lookup_costs_are_reported()
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var fresh = new Gazetteer(PlacesResource.Read(PlacesResource.Countries), PlacesResource.Read(PlacesResource.Cities));
        var loadMs = clock.Elapsed.TotalMilliseconds;
        process.Refresh();
        var loadCpuMs = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;

        var random = new Random(7);
        var land = Enumerable.Range(0, 100_000).Select(_ => (35 + (random.NextDouble() * 25), -10 + (random.NextDouble() * 40))).ToArray();
        var world = Enumerable.Range(0, 100_000).Select(_ => ((random.NextDouble() * 180) - 90, (random.NextDouble() * 360) - 180)).ToArray();
        foreach (var (name, points) in new[] { ("Europe (35–60°N, 10°W–30°E)", land), ("anywhere", world) })
        {
            clock.Restart();
            var found = points.Count(p => fresh.PlaceAt(p.Item1, p.Item2) is not null);
            var placeMicroseconds = clock.Elapsed.TotalMilliseconds * 1000 / points.Length;
            clock.Restart();
            foreach (var (latitude, longitude) in points)
                fresh.ZoneAt(latitude, longitude);
            var zoneMicroseconds = clock.Elapsed.TotalMilliseconds * 1000 / points.Length;
            output.WriteLine($"{name}: PlaceAt {placeMicroseconds:F2} µs, ZoneAt {zoneMicroseconds:F2} µs ({found * 100 / points.Length}% on land)");
        }
        output.WriteLine($"load: {loadMs:F0} ms wall, {loadCpuMs:F0} ms CPU; {fresh.Cities.Count} cities, {fresh.Countries.Shapes.Codes.Length} countries, "
            + $"{fresh.Countries.Grid.CellsWithEdges} grid cells holding {fresh.Countries.Grid.EdgeEntries} edges");
        Assert.NotNull(fresh.PlaceAt(38.7108, -9.1366));
    }
}
