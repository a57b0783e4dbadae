using System.Runtime.CompilerServices;
using System.Text;

namespace Rayray.Core.Places;

/// <summary>
/// The GeoNames cities (population 1,000 or more, or an administrative seat), each with its admin1
/// region and IANA zone, searchable by country: a k-d tree per country, and one over the towns that
/// lie outside every country polygon (islands too small for the 1:10m map).
/// </summary>
internal sealed class CityIndex
{
    // The radius of the disc the city's population would fill at a dense city's ~12,700 people per
    // km² (0.005·√population km, 14 km for Tokyo, 3.6 km for Lisbon): it underestimates a city's
    // extent, and only lets a large city win over a village a little nearer to the point.
    private const double ReachKmPerSqrtPopulation = 0.005;

    private readonly string[] _zones;
    private readonly string[] _regions;
    private readonly string[] _countryCodes;
    private readonly byte[] _names;
    private readonly int[] _nameStarts;
    private readonly ushort[] _countryOf;
    private readonly ushort[] _zoneOf;
    private readonly ushort[] _regionOf;
    private readonly Dictionary<string, SphereKdTree> _byCountry = new(StringComparer.Ordinal);
    private readonly SphereKdTree[] _trees;
    private readonly SphereKdTree _offshore;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CityIndex(ReadOnlySpan<byte> data)
    {
        var reader = new PlacesReader(data);
        reader.Expect("RRCC", 1);
        double unitsPerDegree = reader.Int();
        _zones = ReadStrings(ref reader);
        _regions = ReadStrings(ref reader);
        _countryCodes = new string[reader.Int()];
        var countryCounts = new int[_countryCodes.Length];
        for (var c = 0; c < _countryCodes.Length; c++)
            (_countryCodes[c], countryCounts[c]) = (reader.Ascii(2), reader.Int());
        var count = 0;
        foreach (var countryCount in countryCounts)
            count += countryCount;

        _names = reader.Bytes().ToArray();
        _nameStarts = NameStarts(_names, count);
        var latitudes = ReadSteps(ref reader, count);
        var longitudes = ReadSteps(ref reader, count);
        float[][] coordinates = [new float[count], new float[count], new float[count]];
        for (var i = 0; i < count; i++)
        {
            var (x, y, z) = Earth.UnitVector(latitudes[i] / unitsPerDegree, longitudes[i] / unitsPerDegree);
            (coordinates[0][i], coordinates[1][i], coordinates[2][i]) = ((float)x, (float)y, (float)z);
        }
        var reachByClass = new float[byte.MaxValue + 1];
        for (var populationClass = 1; populationClass <= byte.MaxValue; populationClass++)
            reachByClass[populationClass] = (float)(ReachKmPerSqrtPopulation * Math.Sqrt(Math.Pow(2, populationClass / 8.0)));
        var reachKm = new float[count];
        for (var i = 0; i < count; i++)
            reachKm[i] = reachByClass[reader.Byte()];
        _zoneOf = ReadShorts(ref reader, count);
        _regionOf = ReadShorts(ref reader, count);
        var offshore = new int[reader.Int()];
        for (int i = 0, previous = 0; i < offshore.Length; i++)
            offshore[i] = previous += reader.Int();
        if (!reader.AtEnd)
            throw new InvalidDataException("the cities resource has trailing data; rebuild it with tools/places");

        _countryOf = new ushort[count];
        for (int c = 0, start = 0; c < _countryCodes.Length; start += countryCounts[c], c++)
        {
            Array.Fill(_countryOf, (ushort)c, start, countryCounts[c]);
            var ids = new int[countryCounts[c]];
            for (var i = 0; i < ids.Length; i++)
                ids[i] = start + i;
            _byCountry[_countryCodes[c]] = new SphereKdTree(coordinates, ids, reachKm);
        }
        _trees = [.. _byCountry.Values];
        _offshore = new SphereKdTree(coordinates, offshore);
    }

    public int Count => _nameStarts.Length - 1;

    /// <summary>The city of the country that best names a point: the nearest within maxKm, except that
    /// a larger city a little farther away wins over a village (see <see cref="ReachKmPerSqrtPopulation"/>).</summary>
    public (int Id, double DistanceKm) Best(string countryCode, (double X, double Y, double Z) point, double maxKm) =>
        _byCountry.TryGetValue(countryCode, out var tree) ? tree.Best(point.X, point.Y, point.Z, maxKm, weighted: true) : (-1, double.PositiveInfinity);

    public (int Id, double DistanceKm) Nearest(string countryCode, (double X, double Y, double Z) point, double maxKm) =>
        _byCountry.TryGetValue(countryCode, out var tree) ? tree.Best(point.X, point.Y, point.Z, maxKm) : (-1, double.PositiveInfinity);

    /// <summary>The nearest city of any country within maxKm: only countries whose cities' bounding box is that near are searched.</summary>
    public (int Id, double DistanceKm) NearestAnywhere((double X, double Y, double Z) point, double maxKm)
    {
        var maxChord = Earth.KmToChord(maxKm);
        var best = (Id: -1, DistanceKm: double.PositiveInfinity);
        foreach (var tree in _trees)
        {
            if (!tree.MayBeWithin(point.X, point.Y, point.Z, maxChord))
                continue;
            var found = tree.Best(point.X, point.Y, point.Z, Math.Min(maxKm, best.DistanceKm));
            if (found.Id >= 0 && found.DistanceKm < best.DistanceKm)
                best = found;
        }
        return best;
    }

    public (int Id, double DistanceKm) NearestOffshore((double X, double Y, double Z) point, double maxKm) =>
        _offshore.Best(point.X, point.Y, point.Z, maxKm);

    public string NameOf(int id) => Encoding.UTF8.GetString(_names, _nameStarts[id], _nameStarts[id + 1] - _nameStarts[id] - 1);

    public string? RegionOf(int id) => _regionOf[id] == 0 ? null : _regions[_regionOf[id] - 1];

    public string ZoneOf(int id) => _zones[_zoneOf[id]];

    public string CountryCodeOf(int id) => _countryCodes[_countryOf[id]];

    private static string[] ReadStrings(ref PlacesReader reader)
    {
        var strings = new string[reader.Int()];
        for (var i = 0; i < strings.Length; i++)
            strings[i] = reader.String();
        return strings;
    }

    // Names are one UTF-8 block separated by '\n'; starts[i + 1] - 1 is where name i ends.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] NameStarts(byte[] names, int count)
    {
        var starts = new int[count + 1];
        for (int i = 0, n = 1; i < names.Length; i++)
        {
            if (names[i] == (byte)'\n')
                starts[n++] = i + 1;
        }
        starts[count] = names.Length + 1;
        return starts;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] ReadSteps(ref PlacesReader reader, int count)
    {
        var values = new int[count];
        for (int i = 0, previous = 0; i < count; i++)
            values[i] = previous += reader.SignedInt();
        return values;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ushort[] ReadShorts(ref PlacesReader reader, int count)
    {
        var values = new ushort[count];
        for (var i = 0; i < count; i++)
            values[i] = checked((ushort)reader.Int());
        return values;
    }
}
