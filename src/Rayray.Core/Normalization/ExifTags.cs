namespace Rayray.Core.Normalization;

/// <summary>The EXIF/TIFF tag numbers rayray reads (EXIF 2.32, TIFF 6.0).</summary>
internal static class ExifTags
{
    public const int NewSubfileType = 0x00FE;
    public const int OldSubfileType = 0x00FF;
    public const int ImageWidth = 0x0100;
    public const int ImageHeight = 0x0101;
    public const int ImageDescription = 0x010E;
    public const int Make = 0x010F;
    public const int Model = 0x0110;
    public const int Orientation = 0x0112;
    public const int Software = 0x0131;
    public const int Artist = 0x013B;
    public const int Copyright = 0x8298;
    public const int ExposureTime = 0x829A;
    public const int FNumber = 0x829D;
    public const int IsoSpeedRatings = 0x8827;
    public const int SensitivityType = 0x8830;
    public const int RecommendedExposureIndex = 0x8832;
    public const int IsoSpeed = 0x8833;
    public const int DateTimeOriginal = 0x9003;
    public const int DateTimeDigitized = 0x9004;
    public const int OffsetTimeOriginal = 0x9011;
    public const int OffsetTimeDigitized = 0x9012;
    public const int ShutterSpeedValue = 0x9201;
    public const int ApertureValue = 0x9202;
    public const int FocalLength = 0x920A;
    public const int SubSecTimeOriginal = 0x9291;
    public const int SubSecTimeDigitized = 0x9292;
    public const int XpTitle = 0x9C9B;
    public const int XpComment = 0x9C9C;
    public const int XpAuthor = 0x9C9D;
    public const int XpKeywords = 0x9C9E;
    public const int ColorSpace = 0xA001;
    public const int PixelXDimension = 0xA002;
    public const int PixelYDimension = 0xA003;
    public const int LensMake = 0xA433;
    public const int LensModel = 0xA434;

    public const int GpsLatitudeRef = 0x0001;
    public const int GpsLatitude = 0x0002;
    public const int GpsLongitudeRef = 0x0003;
    public const int GpsLongitude = 0x0004;
    public const int GpsAltitudeRef = 0x0005;
    public const int GpsAltitude = 0x0006;
    public const int GpsTimeStamp = 0x0007;
    public const int GpsStatus = 0x0009;
    public const int GpsDateStamp = 0x001D;
}
