using System.Runtime.CompilerServices;

namespace Rayray.Core.Places;

/// <summary>
/// Natural Earth's country borders and coastlines as TopoJSON-style arcs: polylines in integer units
/// of a linear transform of longitude and latitude, each owned by the countries whose rings use it
/// (two along a land border, one along a coast). Countries are even-odd regions of their arcs.
/// </summary>
internal sealed class CountryShapes
{
    private readonly double _scaleX, _scaleY, _translateX, _translateY;
    private readonly int[] _ownerStarts;
    private readonly byte[] _owners;
    private readonly Dictionary<string, int> _indexByCode = new(StringComparer.Ordinal);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public CountryShapes(ReadOnlySpan<byte> data)
    {
        var reader = new PlacesReader(data);
        reader.Expect("RRCP", 1);
        (_scaleX, _scaleY, _translateX, _translateY) = (reader.Double(), reader.Double(), reader.Double(), reader.Double());
        if (!(_scaleX > 0 && _scaleY > 0))
            throw new InvalidDataException("the countries resource has a transform that is not increasing; rebuild it with tools/places");
        Codes = new string[reader.Int()];
        Names = new string[Codes.Length];
        if (Codes.Length > byte.MaxValue)
            throw new InvalidDataException("more countries than the places index can hold");
        for (var c = 0; c < Codes.Length; c++)
        {
            (Codes[c], Names[c]) = (reader.Ascii(2), reader.String());
            _indexByCode[Codes[c]] = c;
        }

        ArcStarts = new int[reader.Int() + 1];
        for (var a = 1; a < ArcStarts.Length; a++)
            ArcStarts[a] = ArcStarts[a - 1] + reader.Int();
        _ownerStarts = new int[ArcStarts.Length];
        var owners = new byte[ArcStarts.Length * 2];
        for (var a = 1; a < _ownerStarts.Length; a++)
        {
            var count = reader.Int();
            if (_ownerStarts[a - 1] + count > owners.Length)
                Array.Resize(ref owners, Math.Max(owners.Length * 2, _ownerStarts[a - 1] + count));
            for (var o = 0; o < count; o++)
                owners[_ownerStarts[a - 1] + o] = (byte)reader.Int();
            _ownerStarts[a] = _ownerStarts[a - 1] + count;
        }
        _owners = owners.AsSpan(0, _ownerStarts[^1]).ToArray();
        X = ReadArcs(ref reader, ArcStarts);
        Y = ReadArcs(ref reader, ArcStarts);
        if (!reader.AtEnd)
            throw new InvalidDataException("the countries resource has trailing data; rebuild it with tools/places");
    }

    public string[] Codes { get; }

    public string[] Names { get; }

    /// <summary>The points of every arc, one arc after another.</summary>
    public int[] X { get; }

    public int[] Y { get; }

    /// <summary>Arc a holds the points from ArcStarts[a] up to ArcStarts[a + 1]; an edge is named by its first point.</summary>
    public int[] ArcStarts { get; }

    /// <summary>How many units of X make 360° of longitude.</summary>
    public double UnitsAroundTheWorld => 360 / _scaleX;

    public int IndexOf(string code) => _indexByCode.TryGetValue(code, out var index) ? index : -1;

    public double ToX(double longitude) => (longitude - _translateX) / _scaleX;

    public double ToY(double latitude) => (latitude - _translateY) / _scaleY;

    public double ToLongitude(double x) => (x * _scaleX) + _translateX;

    public double ToLatitude(double y) => (y * _scaleY) + _translateY;

    /// <summary>Kilometres per unit of X and of Y near a latitude.</summary>
    public (double X, double Y) KmPerUnit(double latitude) =>
        (_scaleX * Earth.KmPerDegree * Math.Cos(latitude * Math.PI / 180), _scaleY * Earth.KmPerDegree);

    public ReadOnlySpan<byte> OwnersOfArc(int arc) => _owners.AsSpan(_ownerStarts[arc], _ownerStarts[arc + 1] - _ownerStarts[arc]);

    public ReadOnlySpan<byte> OwnersOfEdge(int firstPoint) => OwnersOfArc(ArcOf(firstPoint));

    public int ArcOf(int point)
    {
        var found = Array.BinarySearch(ArcStarts, point);
        return found >= 0 ? found : ~found - 1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int[] ReadArcs(ref PlacesReader reader, int[] arcStarts)
    {
        var values = new int[arcStarts[^1]];
        for (var a = 0; a + 1 < arcStarts.Length; a++)
        {
            var value = 0;
            for (var i = arcStarts[a]; i < arcStarts[a + 1]; i++)
                values[i] = value += reader.SignedInt();
        }
        return values;
    }
}
