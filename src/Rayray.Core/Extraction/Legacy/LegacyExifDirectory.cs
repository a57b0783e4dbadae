using System.Globalization;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction.Legacy;

/// <summary>
/// Values from a pre-EXIF metadata block (Canon CIFF, Olympus PictureInfo), stored under the EXIF
/// tag numbers of the same facts, so the normalizer reads them like EXIF while metadataRaw still
/// shows where they came from.
/// </summary>
public sealed class LegacyExifDirectory(string name) : Directory
{
    public const int ImageWidth = 0x0100;
    public const int ImageHeight = 0x0101;
    public const int Make = 0x010F;
    public const int Model = 0x0110;
    public const int Artist = 0x013B;
    public const int ExposureTime = 0x829A;
    public const int FNumber = 0x829D;
    public const int DateTimeOriginal = 0x9003;
    public const int FocalLength = 0x920A;

    private static readonly Dictionary<int, string> Names = new()
    {
        [ImageWidth] = "ImageWidth",
        [ImageHeight] = "ImageHeight",
        [Make] = "Make",
        [Model] = "Model",
        [Artist] = "OwnerName",
        [ExposureTime] = "ExposureTime",
        [FNumber] = "FNumber",
        [DateTimeOriginal] = "DateTimeOriginal",
        [FocalLength] = "FocalLength",
    };

    public override string Name { get; } = name;

    protected override bool TryGetTagName(int tagType, out string tagName) => Names.TryGetValue(tagType, out tagName!);

    /// <summary>Stores a Unix time as the EXIF wall-clock text these cameras meant (their clocks had no zone).</summary>
    public void SetUnixWallClock(int tag, long seconds)
    {
        if (seconds <= 0)
            return;
        Set(tag, DateTime.UnixEpoch.AddSeconds(seconds).ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture));
    }
}
