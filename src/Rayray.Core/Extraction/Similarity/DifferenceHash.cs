namespace Rayray.Core.Extraction.Similarity;

/// <summary>
/// The difference hash (dHash): the picture, as displayed, averaged down to 9×8 grey cells; each bit says whether a
/// cell is brighter than the one on its left. It ignores size, compression and overall brightness or contrast (it
/// compares neighbours), which is what copies made by resizing, recompressing and re-exporting change. It does not
/// survive a rotation (the gradients turn with the picture) nor a crop that moves the cells (more than a few percent
/// of the picture); a pHash (the signs of a DCT's low frequencies) behaves the same on both and costs a DCT more.
/// </summary>
internal static class DifferenceHash
{
    private const int Columns = 9;
    private const int Rows = 8;

    /// <summary>Cells whose mean grey levels all lie within this range (of 255) make a flat picture.</summary>
    private const double FlatRange = 2;

    /// <summary>
    /// The hash of the region <paramref name="crop"/> of a picture stored with the EXIF orientation
    /// <paramref name="orientation"/> (1–8; others read as 1), so a photo stored on its side hashes like its upright copy.
    /// Null when the region is smaller than the cells, or flat: a blank frame, a uniform colour or an empty scan has no
    /// gradient to describe (its hash would be all zeros, and every blank picture of every colour a near-duplicate of the others).
    /// </summary>
    public static ulong? Compute(GreyPicture picture, CropRegion crop, int orientation)
    {
        var transposed = orientation is >= 5 and <= 8;
        var (storedColumns, storedRows) = transposed ? (Rows, Columns) : (Columns, Rows);
        if (crop.Width < storedColumns || crop.Height < storedRows)
            return null;
        var cells = Average(picture, crop, storedColumns, storedRows);
        if (cells.Max() - cells.Min() < FlatRange)
            return null;

        ulong hash = 0;
        for (var y = 0; y < Rows; y++)
        {
            for (var x = 0; x < Columns - 1; x++)
            {
                var left = cells[Stored(x, y, orientation, storedColumns)];
                var right = cells[Stored(x + 1, y, orientation, storedColumns)];
                if (right > left)
                    hash |= 1UL << (63 - ((y * (Columns - 1)) + x));
            }
        }
        return hash;
    }

    /// <summary>The index among the stored cells of the displayed cell (x, y) — EXIF orientation's mapping, inverted.</summary>
    private static int Stored(int x, int y, int orientation, int storedColumns)
    {
        const int W = Columns - 1, H = Rows - 1;
        var (sx, sy) = orientation switch
        {
            2 => (W - x, y),
            3 => (W - x, H - y),
            4 => (x, H - y),
            5 => (y, x),
            6 => (y, W - x),
            7 => (H - y, W - x),
            8 => (H - y, x),
            _ => (x, y),
        };
        return (sy * storedColumns) + sx;
    }

    /// <summary>Each cell's mean grey level: every pixel of the region counts in the one cell it falls in.</summary>
    private static double[] Average(GreyPicture picture, CropRegion crop, int columns, int rows)
    {
        var sums = new double[columns * rows];
        var counts = new int[columns * rows];
        for (var y = 0; y < crop.Height; y++)
        {
            var row = y * rows / crop.Height * columns;
            var offset = ((crop.Y + y) * picture.Width) + crop.X;
            for (var x = 0; x < crop.Width; x++)
            {
                var cell = row + (x * columns / crop.Width);
                sums[cell] += picture.Levels[offset + x];
                counts[cell]++;
            }
        }
        for (var i = 0; i < sums.Length; i++)
            sums[i] /= counts[i];
        return sums;
    }
}

/// <summary>A rectangle of a picture, in its stored pixels.</summary>
internal readonly record struct CropRegion(int X, int Y, int Width, int Height)
{
    public static CropRegion Whole(GreyPicture picture) => new(0, 0, picture.Width, picture.Height);

    /// <summary>
    /// The middle of the picture with the main image's shape: an EXIF thumbnail is often padded to 160×120 with black bars
    /// (Canon's, for a 3:2 photo), which would otherwise count as picture. Whole when the shapes already agree within 3%
    /// or the main image's size is unknown.
    /// </summary>
    public static CropRegion ToShapeOf(GreyPicture picture, int? mainWidth, int? mainHeight)
    {
        if (mainWidth is not > 0 || mainHeight is not > 0)
            return Whole(picture);
        var wanted = (double)mainWidth.Value / mainHeight.Value;
        var actual = (double)picture.Width / picture.Height;
        if (Math.Abs(wanted / actual - 1) <= 0.03)
            return Whole(picture);
        // One pixel less on each cut side: the bars' edge row is half picture, half black.
        if (wanted > actual)
        {
            var height = (int)Math.Floor(picture.Width / wanted) - 2;
            return new CropRegion(0, (picture.Height - height) / 2, picture.Width, height);
        }
        var width = (int)Math.Floor(picture.Height * wanted) - 2;
        return new CropRegion((picture.Width - width) / 2, 0, width, picture.Height);
    }
}
