namespace Rayray.Core.Extraction.Similarity;

/// <summary>A small decoded picture as grey levels (0–255, transparency laid over white), row by row, as stored (not yet oriented).</summary>
internal sealed record GreyPicture(int Width, int Height, float[] Levels)
{
    public float At(int x, int y) => Levels[(y * Width) + x];
}
