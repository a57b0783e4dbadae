using System.Globalization;
using MetadataExtractor;
using MetadataExtractor.Formats.Ico;
using MetadataExtractor.Formats.Pcx;
using MetadataExtractor.Formats.Tga;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction.Headers;

/// <summary>
/// What rayray's own header readers (this folder) read, one directory type for every format, so the size is
/// read the same way for all of them; <see cref="Directory.Name"/> names the format the header belongs to.
/// </summary>
public sealed class ImageHeaderDirectory(string name) : Directory
{
    public const int TagWidth = 1;
    public const int TagHeight = 2;
    public const int TagBitsPerSample = 3;
    public const int TagChannels = 4;
    public const int TagColorType = 5;
    public const int TagCompression = 6;
    public const int TagVersion = 7;
    public const int TagOrientation = 8;
    public const int TagFrames = 9;

    private static readonly Dictionary<int, string> Names = new()
    {
        [TagWidth] = "ImageWidth",
        [TagHeight] = "ImageHeight",
        [TagBitsPerSample] = "BitsPerSample",
        [TagChannels] = "Channels",
        [TagColorType] = "ColorType",
        [TagCompression] = "Compression",
        [TagVersion] = "Version",
        [TagOrientation] = "Orientation",
        [TagFrames] = "Frames",
    };

    public override string Name { get; } = name;

    protected override bool TryGetTagName(int tagType, out string tagName) => Names.TryGetValue(tagType, out tagName!);

    /// <summary>Records the picture's size; returns why not when no picture can have it (the header is then broken).</summary>
    public string? SetSize(long width, long height)
    {
        if (width <= 0 || height <= 0 || width > int.MaxValue || height > int.MaxValue)
            return string.Create(CultureInfo.InvariantCulture, $"damaged: the {Name} header declares a {width}×{height} picture");
        Set(TagWidth, (int)width);
        Set(TagHeight, (int)height);
        return null;
    }

    /// <summary>
    /// The picture's size from a header directory: rayray's own, or MetadataExtractor's PCX (its corners), ICO (the
    /// largest image) and TGA headers; (null, null) when there is none.
    /// </summary>
    public static (int? Width, int? Height) SizeOf(IReadOnlyList<Directory> directories)
    {
        foreach (var directory in directories)
        {
            switch (directory)
            {
                case ImageHeaderDirectory when directory.TryGetInt32(TagWidth, out var width) && directory.TryGetInt32(TagHeight, out var height):
                    return (width, height);
                case PcxDirectory when directory.TryGetInt32(PcxDirectory.TagXMin, out var xMin) && directory.TryGetInt32(PcxDirectory.TagXMax, out var xMax) &&
                                       directory.TryGetInt32(PcxDirectory.TagYMin, out var yMin) && directory.TryGetInt32(PcxDirectory.TagYMax, out var yMax):
                    return (xMax - xMin + 1, yMax - yMin + 1);
                case TgaHeaderDirectory when directory.TryGetInt32(TgaHeaderDirectory.TagImageWidth, out var width) && directory.TryGetInt32(TgaHeaderDirectory.TagImageHeight, out var height):
                    return (width, height);
            }
        }
        // An icon entry has one byte per side, where 0 stands for 256.
        var icons = directories.OfType<IcoDirectory>()
            .Select(d => (Width: Side(d, IcoDirectory.TagImageWidth), Height: Side(d, IcoDirectory.TagImageHeight)))
            .Where(i => i.Width > 0 && i.Height > 0)
            .ToList();
        if (icons.Count == 0)
            return (null, null);
        var largest = icons.MaxBy(i => (long)i.Width * i.Height);
        return (largest.Width, largest.Height);

        static int Side(IcoDirectory entry, int tag) => !entry.TryGetInt32(tag, out var side) || side < 0 ? 0 : side == 0 ? 256 : side;
    }
}
