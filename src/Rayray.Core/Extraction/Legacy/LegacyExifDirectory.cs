using System.Globalization;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction.Legacy;

/// <summary>
/// Values from a metadata block outside EXIF — a pre-EXIF block (Canon CIFF, Olympus PictureInfo) or the
/// header of a RAW format (Fujifilm RAF, Minolta MRW, Sigma X3F, Phase One IIQ) — stored under the EXIF
/// tag numbers of the same facts, so the normalizer reads them like EXIF while metadataRaw still shows
/// where they came from. Facts with no EXIF counterpart keep the format's own name, stored above 0xFFFF
/// so they never read as EXIF.
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
    public const int IsoSpeedRatings = 0x8827;
    public const int DateTimeOriginal = 0x9003;
    public const int FocalLength = 0x920A;
    public const int BodySerialNumber = 0xA431;

    private const int OwnTagBase = 0x10000;

    private static readonly Dictionary<int, string> Names = new()
    {
        [ImageWidth] = "ImageWidth",
        [ImageHeight] = "ImageHeight",
        [Make] = "Make",
        [Model] = "Model",
        [Artist] = "OwnerName",
        [ExposureTime] = "ExposureTime",
        [FNumber] = "FNumber",
        [IsoSpeedRatings] = "ISO",
        [DateTimeOriginal] = "DateTimeOriginal",
        [FocalLength] = "FocalLength",
        [BodySerialNumber] = "SerialNumber",
    };

    private readonly Dictionary<int, string> _ownNames = [];

    public override string Name { get; } = name;

    protected override bool TryGetTagName(int tagType, out string tagName) =>
        Names.TryGetValue(tagType, out tagName!) || _ownNames.TryGetValue(tagType, out tagName!);

    /// <summary>Stores a fact that has no EXIF tag under the format's own tag number and name.</summary>
    public void SetOwn(int formatTag, string tagName, object value)
    {
        _ownNames[OwnTagBase + formatTag] = tagName;
        Set(OwnTagBase + formatTag, value);
    }

    /// <summary>Stores text that is not empty once trimmed of spaces and NULs.</summary>
    public void SetText(int tag, string? text)
    {
        var trimmed = text?.Trim().Trim('\0').Trim();
        if (!string.IsNullOrEmpty(trimmed))
            Set(tag, trimmed);
    }

    /// <summary>Stores a Unix time as the EXIF wall-clock text these cameras meant (their clocks had no zone).</summary>
    public void SetUnixWallClock(int tag, long seconds)
    {
        if (seconds <= 0 || seconds > 253402300799)
            return;
        Set(tag, DateTime.UnixEpoch.AddSeconds(seconds).ToString("yyyy:MM:dd HH:mm:ss", CultureInfo.InvariantCulture));
    }
}
