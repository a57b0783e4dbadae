namespace Rayray.Core.Places;

/// <summary>Which country a point is in, from Natural Earth's 1:10m country polygons, and which
/// country's coast is nearest to a point at sea.</summary>
internal sealed class CountryPolygons
{
    private const int MaxOverlap = 16;

    private readonly CountryShapes _shapes;
    private readonly PolygonGrid _grid;

    public CountryPolygons(ReadOnlySpan<byte> data)
    {
        _shapes = new CountryShapes(data);
        _grid = new PolygonGrid(_shapes);
    }

    public CountryShapes Shapes => _shapes;

    public PolygonGrid Grid => _grid;

    /// <summary>The index of the country whose polygons contain the point, or -1.</summary>
    public int CountryContaining(double latitude, double longitude)
    {
        int row = PolygonGrid.RowOf(latitude), column = PolygonGrid.ColumnOf(longitude);
        double px = _shapes.ToX(longitude), py = _shapes.ToY(latitude);
        double cx = _shapes.ToX(PolygonGrid.CentreLongitude(column)), cy = _shapes.ToY(PolygonGrid.CentreLatitude(row));
        Span<int> inside = stackalloc int[MaxOverlap];
        var count = 0;
        var centreCountry = _grid.CentreCountry(row, column);
        if (centreCountry >= 0)
            inside[count++] = centreCountry;
        var x = _shapes.X;
        var y = _shapes.Y;
        foreach (var e in _grid.EdgesIn(row, column))
        {
            if (!Crosses(cx, cy, px, py, x[e], y[e], x[e + 1], y[e + 1]))
                continue;
            foreach (var owner in _shapes.OwnersOfEdge(e))
                count = Toggle(inside, count, owner);
        }
        // More than one only where two countries' polygons overlap; the last one entered wins.
        return count == 0 ? -1 : inside[count - 1];
    }

    /// <summary>The country with a coastline (an edge only one country owns) within maxKm of the point,
    /// the nearest if several, and how far it is; -1 when none.</summary>
    public (int Country, double DistanceKm) NearestCoast(double latitude, double longitude, double maxKm)
    {
        var (kmPerX, kmPerY) = _shapes.KmPerUnit(latitude);
        double px = _shapes.ToX(longitude), py = _shapes.ToY(latitude);
        var spanLatitude = maxKm / Earth.KmPerDegree;
        var kmPerDegreeLongitude = Earth.KmPerDegree * Math.Cos(latitude * Math.PI / 180);
        var spanLongitude = kmPerDegreeLongitude > maxKm / 180 ? maxKm / kmPerDegreeLongitude : 180;
        int firstRow = PolygonGrid.RowOf(latitude - spanLatitude), lastRow = PolygonGrid.RowOf(latitude + spanLatitude);
        int firstColumn = (int)Math.Floor((longitude - spanLongitude + 180) / PolygonGrid.CellDegrees);
        int lastColumn = (int)Math.Floor((longitude + spanLongitude + 180) / PolygonGrid.CellDegrees);
        if (lastColumn - firstColumn >= PolygonGrid.Columns)
            (firstColumn, lastColumn) = (0, PolygonGrid.Columns - 1);

        var best = (Country: -1, DistanceKm: maxKm);
        for (var row = firstRow; row <= lastRow; row++)
        {
            for (var c = firstColumn; c <= lastColumn; c++)
            {
                var column = ((c % PolygonGrid.Columns) + PolygonGrid.Columns) % PolygonGrid.Columns;
                // A cell across the antimeridian holds edges a world away in x.
                var shift = c < 0 ? -_shapes.UnitsAroundTheWorld : c >= PolygonGrid.Columns ? _shapes.UnitsAroundTheWorld : 0;
                foreach (var e in _grid.EdgesIn(row, column))
                {
                    var owners = _shapes.OwnersOfEdge(e);
                    if (owners.Length != 1)
                        continue;
                    var km = DistanceToSegment(
                        (_shapes.X[e] + shift - px) * kmPerX, (_shapes.Y[e] - py) * kmPerY,
                        (_shapes.X[e + 1] + shift - px) * kmPerX, (_shapes.Y[e + 1] - py) * kmPerY);
                    if (km < best.DistanceKm)
                        best = (owners[0], km);
                }
            }
        }
        return best;
    }

    // Whether edge ab crosses the segment from the cell centre c to the point p. An end of the edge
    // lying exactly on the line cp counts as left of it, for both edges that share that end, so a
    // line through a vertex crosses one of them, or neither, as a ray cast must.
    private static bool Crosses(double cx, double cy, double px, double py, double ax, double ay, double bx, double by)
    {
        var aLeft = Orientation(cx, cy, px, py, ax, ay) >= 0;
        var bLeft = Orientation(cx, cy, px, py, bx, by) >= 0;
        if (aLeft == bLeft)
            return false;
        var cLeft = Orientation(ax, ay, bx, by, cx, cy) >= 0;
        var pLeft = Orientation(ax, ay, bx, by, px, py) >= 0;
        return cLeft != pLeft;
    }

    private static double Orientation(double ax, double ay, double bx, double by, double cx, double cy) =>
        ((bx - ax) * (cy - ay)) - ((by - ay) * (cx - ax));

    private static int Toggle(Span<int> inside, int count, int country)
    {
        var at = inside[..count].IndexOf(country);
        if (at >= 0)
        {
            inside.Slice(at + 1, count - at - 1).CopyTo(inside[at..]);
            return count - 1;
        }
        if (count < inside.Length)
            inside[count++] = country;
        return count;
    }

    // Distance from the origin to the segment ab, in the same (kilometre) units.
    private static double DistanceToSegment(double ax, double ay, double bx, double by)
    {
        double dx = bx - ax, dy = by - ay;
        var lengthSquared = (dx * dx) + (dy * dy);
        var t = lengthSquared == 0 ? 0 : Math.Clamp(-((ax * dx) + (ay * dy)) / lengthSquared, 0, 1);
        return Math.Sqrt(Math.Pow(ax + (t * dx), 2) + Math.Pow(ay + (t * dy), 2));
    }
}
