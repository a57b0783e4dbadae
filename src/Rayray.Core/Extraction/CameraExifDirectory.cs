using System.Globalization;
using Directory = MetadataExtractor.Directory;

namespace Rayray.Core.Extraction;

/// <summary>
/// Camera facts from a block that is not EXIF — a pre-EXIF block of early digital cameras (Canon CIFF, Olympus
/// PictureInfo), the header of a RAW format (Fujifilm RAF, Minolta MRW, Sigma X3F, Phase One IIQ), a camcorder's
/// H.264 user data (AVCHD MDPM), a camera maker's box in a movie — stored under the EXIF
/// tag numbers of the same facts, so the normalizer reads them like EXIF while metadataRaw still shows where they came
/// from (the directory's name). What has no EXIF tag is kept under its own name, for metadataRaw only.
/// </summary>
public sealed class CameraExifDirectory(string name) : Directory
{
    public const int ImageWidth = 0x0100;
    public const int ImageHeight = 0x0101;
    public const int Make = 0x010F;
    public const int Model = 0x0110;
    public const int Software = 0x0131;
    public const int Artist = 0x013B;
    public const int ExposureTime = 0x829A;
    public const int FNumber = 0x829D;
    public const int IsoSpeedRatings = 0x8827;
    public const int DateTimeOriginal = 0x9003;
    public const int OffsetTimeOriginal = 0x9011;
    public const int FocalLength = 0x920A;
    public const int FocalLengthIn35mmFilm = 0xA405;
    public const int BodySerialNumber = 0xA431;
    public const int LensModel = 0xA434;

    /// <summary>Tags without an EXIF number are numbered from here, above every 16-bit EXIF tag.</summary>
    private const int FirstOwnTag = 0x10000;

    private static readonly Dictionary<int, string> ExifNames = new()
    {
        [ImageWidth] = "ImageWidth",
        [ImageHeight] = "ImageHeight",
        [Make] = "Make",
        [Model] = "Model",
        [Software] = "Software",
        [Artist] = "OwnerName",
        [ExposureTime] = "ExposureTime",
        [FNumber] = "FNumber",
        [IsoSpeedRatings] = "ISO",
        [DateTimeOriginal] = "DateTimeOriginal",
        [OffsetTimeOriginal] = "OffsetTimeOriginal",
        [FocalLength] = "FocalLength",
        [FocalLengthIn35mmFilm] = "FocalLengthIn35mmFormat",
        [BodySerialNumber] = "SerialNumber",
        [LensModel] = "LensModel",
    };

    private readonly List<string> _ownNames = [];

    public override string Name { get; } = name;

    protected override bool TryGetTagName(int tagType, out string tagName)
    {
        if (tagType >= FirstOwnTag && tagType - FirstOwnTag < _ownNames.Count)
        {
            tagName = _ownNames[tagType - FirstOwnTag];
            return true;
        }
        return ExifNames.TryGetValue(tagType, out tagName!);
    }

    /// <summary>A value with no EXIF counterpart (a maker's code, a firmware version), under its own name.</summary>
    public void SetOwn(string tagName, object value)
    {
        var index = _ownNames.IndexOf(tagName);
        if (index < 0)
        {
            index = _ownNames.Count;
            _ownNames.Add(tagName);
        }
        Set(FirstOwnTag + index, value);
    }

    /// <summary>Sets a tag unless it is already set (the first source of a fact wins).</summary>
    public void SetFirst(int tag, object? value)
    {
        if (value is not null && !ContainsTag(tag))
            Set(tag, value);
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
