namespace Rayray.Core.Extraction.Similarity;

/// <summary>
/// Turns decoded BGRA rows (premultiplied) into a <see cref="GreyPicture"/> no larger than a given side, each grey pixel
/// the mean of a square block of decoded ones, so a large picture decoded row by row needs one row and the small grey
/// image in memory. Transparency is laid over white, as a viewer shows it.
/// </summary>
internal sealed class GreyAccumulator
{
    private readonly int _width;
    private readonly int _block;
    private readonly int _greyWidth;
    private readonly int _greyHeight;
    private readonly float[] _sums;
    private readonly int[] _counts;

    public GreyAccumulator(int width, int height, int maxSide)
    {
        _width = width;
        _block = Math.Max(1, (Math.Max(width, height) + maxSide - 1) / maxSide);
        _greyWidth = (width + _block - 1) / _block;
        _greyHeight = (height + _block - 1) / _block;
        _sums = new float[_greyWidth * _greyHeight];
        _counts = new int[_sums.Length];
    }

    public void AddRow(int y, ReadOnlySpan<byte> bgra)
    {
        var offset = y / _block * _greyWidth;
        for (var x = 0; x < _width; x++)
        {
            var p = x * 4;
            var over = 255 - bgra[p + 3];
            var level = (0.114f * (bgra[p] + over)) + (0.587f * (bgra[p + 1] + over)) + (0.299f * (bgra[p + 2] + over));
            var cell = offset + (x / _block);
            _sums[cell] += level;
            _counts[cell]++;
        }
    }

    public GreyPicture ToPicture()
    {
        for (var i = 0; i < _sums.Length; i++)
            _sums[i] = _counts[i] == 0 ? 255 : _sums[i] / _counts[i];
        return new GreyPicture(_greyWidth, _greyHeight, _sums);
    }
}
