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
        var (rows, columns) = CellsOfPoints(shapes);
        (_cellsWithEdges, _edgeStarts, _edges) = IndexEdges(shapes.ArcStarts, rows, columns);
        _centreCountry = SweepCentres(shapes, rows);
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

    // The row and column of every point: those of an edge's bounding box are the least and greatest
    // of its two ends' (RowOf and ColumnOf never decrease, and the transform's scales are positive).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (ushort[] Rows, ushort[] Columns) CellsOfPoints(CountryShapes shapes)
    {
        var rows = new ushort[shapes.Y.Length];
        var columns = new ushort[shapes.X.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = (ushort)RowOf(shapes.ToLatitude(shapes.Y[i]));
            columns[i] = (ushort)ColumnOf(shapes.ToLongitude(shapes.X[i]));
        }
        return (rows, columns);
    }

    // Each edge goes into every cell its bounding box touches: counted first, then placed, in the
    // order of the edges. perCell[cell + 1] counts, then (summed) starts each cell's run; placing
    // moves perCell[cell] from the cell's start to its end, which is where the next cell starts.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int[] Cells, int[] Starts, int[] Edges) IndexEdges(int[] arcStarts, ushort[] rows, ushort[] columns)
    {
        var perCell = new int[(Rows * Columns) + 1];
        var count = new CountEdges(perCell);
        ForEachEdgeCell(arcStarts, rows, columns, ref count);
        var cellCount = 0;
        for (var cell = 0; cell < Rows * Columns; cell++)
        {
            if (perCell[cell + 1] > 0)
                cellCount++;
            perCell[cell + 1] += perCell[cell];
        }
        var edges = new int[perCell[^1]];
        var place = new PlaceEdges(perCell, edges);
        ForEachEdgeCell(arcStarts, rows, columns, ref place);
        var cells = new int[cellCount];
        var starts = new int[cellCount + 1];
        for (int cell = 0, i = 0; cell < Rows * Columns; cell++)
        {
            if (perCell[cell] == (cell == 0 ? 0 : perCell[cell - 1]))
                continue;
            cells[i] = cell;
            starts[++i] = perCell[cell];
        }
        return (cells, starts, edges);
    }

    /// <summary>What is done for each (cell, edge) pair; a struct, so the walk is compiled for each use without a call per pair.</summary>
    private interface IEdgeCellVisitor
    {
        void Visit(int cell, int edge);
    }

    private readonly struct CountEdges(int[] perCell) : IEdgeCellVisitor
    {
        public void Visit(int cell, int edge) => perCell[cell + 1]++;
    }

    private readonly struct PlaceEdges(int[] perCell, int[] edges) : IEdgeCellVisitor
    {
        public void Visit(int cell, int edge) => edges[perCell[cell]++] = edge;
    }

    /// <summary>Every cell the bounding box of every edge touches, in the order of the edges.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForEachEdgeCell<TVisitor>(int[] arcStarts, ushort[] rows, ushort[] columns, ref TVisitor visitor)
        where TVisitor : struct, IEdgeCellVisitor
    {
        for (var arc = 0; arc + 1 < arcStarts.Length; arc++)
        {
            for (var e = arcStarts[arc]; e + 1 < arcStarts[arc + 1]; e++)
            {
                int firstRow = Math.Min(rows[e], rows[e + 1]), lastRow = Math.Max(rows[e], rows[e + 1]);
                int firstColumn = Math.Min(columns[e], columns[e + 1]), lastColumn = Math.Max(columns[e], columns[e + 1]);
                for (var row = firstRow; row <= lastRow; row++)
                {
                    for (var column = firstColumn; column <= lastColumn; column++)
                        visitor.Visit((row * Columns) + column, e);
                }
            }
        }
    }

    // Along each row of cell centres, a line from the west crosses the edges in order of x; each
    // crossing flips whether the line is inside each owner of the edge (even-odd), so the country at
    // every centre is read off in one pass. An edge crosses the line when one end is strictly above.
    // The crossings are grouped by row (counted, then placed) and each row's sorted by x.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static byte[] SweepCentres(CountryShapes shapes, ushort[] pointRows)
    {
        var rowY = new double[Rows];
        for (var row = 0; row < Rows; row++)
            rowY[row] = shapes.ToY(CentreLatitude(row));
        var columnX = new double[Columns];
        for (var column = 0; column < Columns; column++)
            columnX[column] = shapes.ToX(CentreLongitude(column));
        int[] arcStarts = shapes.ArcStarts, xs = shapes.X, ys = shapes.Y;

        var rowStarts = new int[Rows + 1];
        for (var arc = 0; arc + 1 < arcStarts.Length; arc++)
        {
            for (var e = arcStarts[arc]; e + 1 < arcStarts[arc + 1]; e++)
            {
                double ay = ys[e], by = ys[e + 1];
                int from = Math.Min(pointRows[e], pointRows[e + 1]), to = Math.Max(pointRows[e], pointRows[e + 1]);
                for (var row = from; row <= to; row++)
                {
                    if ((ay > rowY[row]) != (by > rowY[row]))
                        rowStarts[row + 1]++;
                }
            }
        }
        for (var row = 0; row < Rows; row++)
            rowStarts[row + 1] += rowStarts[row];
        var crossingX = new double[rowStarts[^1]];
        var crossingArc = new int[rowStarts[^1]];
        var next = rowStarts[..^1];
        for (var arc = 0; arc + 1 < arcStarts.Length; arc++)
        {
            for (var e = arcStarts[arc]; e + 1 < arcStarts[arc + 1]; e++)
            {
                double ax = xs[e], ay = ys[e], bx = xs[e + 1], by = ys[e + 1];
                int from = Math.Min(pointRows[e], pointRows[e + 1]), to = Math.Max(pointRows[e], pointRows[e + 1]);
                for (var row = from; row <= to; row++)
                {
                    var y = rowY[row];
                    if ((ay > y) != (by > y))
                    {
                        crossingX[next[row]] = ax + ((y - ay) * (bx - ax) / (by - ay));
                        crossingArc[next[row]++] = arc;
                    }
                }
            }
        }

        var centres = new byte[Rows * Columns];
        var inside = new List<int>();
        for (var row = 0; row < Rows; row++)
        {
            int crossing = rowStarts[row], end = rowStarts[row + 1];
            Array.Sort(crossingX, crossingArc, crossing, end - crossing);
            inside.Clear();
            for (var column = 0; column < Columns; column++)
            {
                for (; crossing < end && crossingX[crossing] < columnX[column]; crossing++)
                {
                    foreach (var owner in shapes.OwnersOfArc(crossingArc[crossing]))
                    {
                        if (!inside.Remove(owner))
                            inside.Add(owner);
                    }
                }
                centres[(row * Columns) + column] = (byte)(inside.Count == 0 ? 0 : inside[^1] + 1);
            }
        }
        return centres;
    }
}
