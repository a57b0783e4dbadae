using System.Runtime.CompilerServices;

namespace Rayray.Core.Places;

/// <summary>
/// A quarter-degree grid over the country shapes: for each cell, the edges that may cross it and the
/// country at its centre (found once for all cells by sweeping a line along each row of centres), so
/// that a point-in-polygon test only needs the crossings between the centre and the point.
/// </summary>
internal sealed class PolygonGrid
{
    public const double CellDegrees = 0.25;
    public const int Columns = (int)(360 / CellDegrees);
    public const int Rows = (int)(180 / CellDegrees);

    private readonly byte[] _centreCountry; // country index + 1, 0 for none
    private readonly int[] _cellsWithEdges; // sorted cell numbers
    private readonly int[] _edgeStarts;     // edges of _cellsWithEdges[i]: _edges[_edgeStarts[i].._edgeStarts[i + 1]]
    private readonly int[] _edges;          // the first point of each edge

    public PolygonGrid(CountryShapes shapes)
    {
        (_cellsWithEdges, _edgeStarts, _edges) = IndexEdges(shapes);
        _centreCountry = SweepCentres(shapes);
    }

    public static int ColumnOf(double longitude) => Math.Clamp((int)Math.Floor((longitude + 180) / CellDegrees), 0, Columns - 1);

    public static int RowOf(double latitude) => Math.Clamp((int)Math.Floor((latitude + 90) / CellDegrees), 0, Rows - 1);

    public static double CentreLongitude(int column) => -180 + ((column + 0.5) * CellDegrees);

    public static double CentreLatitude(int row) => -90 + ((row + 0.5) * CellDegrees);

    /// <summary>The country containing the cell's centre, or -1.</summary>
    public int CentreCountry(int row, int column) => _centreCountry[(row * Columns) + column] - 1;

    public ReadOnlySpan<int> EdgesIn(int row, int column)
    {
        var found = Array.BinarySearch(_cellsWithEdges, (row * Columns) + column);
        return found < 0 ? [] : _edges.AsSpan(_edgeStarts[found], _edgeStarts[found + 1] - _edgeStarts[found]);
    }

    public int EdgeEntries => _edges.Length;

    public int CellsWithEdges => _cellsWithEdges.Length;

    // Each edge goes into every cell its bounding box touches: counted first, then placed.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int[] Cells, int[] Starts, int[] Edges) IndexEdges(CountryShapes shapes)
    {
        var perCell = new int[(Rows * Columns) + 1];
        ForEachEdgeCell(shapes, (cell, _) => perCell[cell + 1]++);
        var cells = new List<int>();
        for (var cell = 0; cell < Rows * Columns; cell++)
        {
            if (perCell[cell + 1] > 0)
                cells.Add(cell);
            perCell[cell + 1] += perCell[cell];
        }
        var edges = new int[perCell[^1]];
        var next = perCell[..^1];
        ForEachEdgeCell(shapes, (cell, edge) => edges[next[cell]++] = edge);
        var starts = new int[cells.Count + 1];
        for (var i = 0; i < cells.Count; i++)
            starts[i + 1] = perCell[cells[i] + 1];
        return ([.. cells], starts, edges);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForEachEdgeCell(CountryShapes shapes, Action<int, int> visit)
    {
        for (var arc = 0; arc + 1 < shapes.ArcStarts.Length; arc++)
        {
            for (var e = shapes.ArcStarts[arc]; e + 1 < shapes.ArcStarts[arc + 1]; e++)
            {
                double lonA = shapes.ToLongitude(shapes.X[e]), lonB = shapes.ToLongitude(shapes.X[e + 1]);
                double latA = shapes.ToLatitude(shapes.Y[e]), latB = shapes.ToLatitude(shapes.Y[e + 1]);
                int firstColumn = ColumnOf(Math.Min(lonA, lonB)), lastColumn = ColumnOf(Math.Max(lonA, lonB));
                int firstRow = RowOf(Math.Min(latA, latB)), lastRow = RowOf(Math.Max(latA, latB));
                for (var row = firstRow; row <= lastRow; row++)
                {
                    for (var column = firstColumn; column <= lastColumn; column++)
                        visit((row * Columns) + column, e);
                }
            }
        }
    }

    // Along each row of cell centres, a line from the west crosses the edges in order of x; each
    // crossing flips whether the line is inside each owner of the edge (even-odd), so the country at
    // every centre is read off in one pass. An edge crosses the line when one end is strictly above.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte[] SweepCentres(CountryShapes shapes)
    {
        var rowY = new double[Rows];
        for (var row = 0; row < Rows; row++)
            rowY[row] = shapes.ToY(CentreLatitude(row));
        var crossings = new List<(int Row, double X, int Arc)>();
        for (var arc = 0; arc + 1 < shapes.ArcStarts.Length; arc++)
        {
            for (var e = shapes.ArcStarts[arc]; e + 1 < shapes.ArcStarts[arc + 1]; e++)
            {
                double ax = shapes.X[e], ay = shapes.Y[e], bx = shapes.X[e + 1], by = shapes.Y[e + 1];
                int from = RowOf(shapes.ToLatitude(Math.Min(ay, by))), to = RowOf(shapes.ToLatitude(Math.Max(ay, by)));
                for (var row = from; row <= to; row++)
                {
                    var y = rowY[row];
                    if ((ay > y) != (by > y))
                        crossings.Add((row, ax + ((y - ay) * (bx - ax) / (by - ay)), arc));
                }
            }
        }
        crossings.Sort((a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.X.CompareTo(b.X));

        var centres = new byte[Rows * Columns];
        var inside = new List<int>();
        var next = 0;
        for (var row = 0; row < Rows; row++)
        {
            inside.Clear();
            for (var column = 0; column < Columns; column++)
            {
                var x = shapes.ToX(CentreLongitude(column));
                for (; next < crossings.Count && crossings[next].Row == row && crossings[next].X < x; next++)
                {
                    foreach (var owner in shapes.OwnersOfArc(crossings[next].Arc))
                    {
                        if (!inside.Remove(owner))
                            inside.Add(owner);
                    }
                }
                centres[(row * Columns) + column] = (byte)(inside.Count == 0 ? 0 : inside[^1] + 1);
            }
            while (next < crossings.Count && crossings[next].Row == row)
                next++;
        }
        return centres;
    }
}
