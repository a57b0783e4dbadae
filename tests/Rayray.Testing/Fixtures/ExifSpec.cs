namespace Rayray.Testing.Fixtures;

/// <summary>
/// The Exif metadata a generated test image carries. Every property is optional: null means the tag is not
/// written at all. Strings are written as Exif ASCII (UTF-8 bytes plus a terminating NUL), exactly as given.
/// </summary>
public sealed record ExifSpec
{
    /// <summary>IFD0 0x010F.</summary>
    public string? Make { get; init; }

    /// <summary>IFD0 0x0110.</summary>
    public string? Model { get; init; }

    /// <summary>IFD0 0x0131.</summary>
    public string? Software { get; init; }

    /// <summary>IFD0 0x013B.</summary>
    public string? Artist { get; init; }

    /// <summary>IFD0 0x8298.</summary>
    public string? Copyright { get; init; }

    /// <summary>IFD0 0x010E.</summary>
    public string? ImageDescription { get; init; }

    /// <summary>IFD0 0x0112 SHORT (1..8).</summary>
    public int? Orientation { get; init; }

    /// <summary>IFD0 0x0132, "YYYY:MM:DD HH:MM:SS".</summary>
    public string? DateTime { get; init; }

    /// <summary>Exif IFD 0x9010, the offset of <see cref="DateTime"/>, e.g. "+02:00".</summary>
    public string? OffsetTime { get; init; }

    /// <summary>Exif IFD 0x9290, fractional seconds of <see cref="DateTime"/>.</summary>
    public string? SubSecTime { get; init; }

    /// <summary>Exif IFD 0x9003.</summary>
    public string? DateTimeOriginal { get; init; }

    /// <summary>Exif IFD 0x9291.</summary>
    public string? SubSecTimeOriginal { get; init; }

    /// <summary>Exif IFD 0x9011, e.g. "-08:00".</summary>
    public string? OffsetTimeOriginal { get; init; }

    /// <summary>Exif IFD 0x9004.</summary>
    public string? DateTimeDigitized { get; init; }

    /// <summary>Exif IFD 0x9292.</summary>
    public string? SubSecTimeDigitized { get; init; }

    /// <summary>Exif IFD 0x9012.</summary>
    public string? OffsetTimeDigitized { get; init; }

    /// <summary>Exif IFD 0x829A RATIONAL, seconds.</summary>
    public (uint Numerator, uint Denominator)? ExposureTime { get; init; }

    /// <summary>Exif IFD 0x829D RATIONAL.</summary>
    public (uint Numerator, uint Denominator)? FNumber { get; init; }

    /// <summary>Exif IFD 0x920A RATIONAL, millimetres.</summary>
    public (uint Numerator, uint Denominator)? FocalLength { get; init; }

    /// <summary>Exif IFD 0x8827 SHORT (PhotographicSensitivity / ISOSpeedRatings).</summary>
    public ushort? Iso { get; init; }

    /// <summary>Exif IFD 0xA434.</summary>
    public string? LensModel { get; init; }

    /// <summary>Exif IFD 0xA002 LONG (exiftool: ExifImageWidth).</summary>
    public int? PixelXDimension { get; init; }

    /// <summary>Exif IFD 0xA003 LONG (exiftool: ExifImageHeight).</summary>
    public int? PixelYDimension { get; init; }

    /// <summary>Signed decimal degrees: GPS 0x0001 'N'/'S' and 0x0002 degrees, minutes, seconds (seconds to 1/1000000).</summary>
    public double? Latitude { get; init; }

    /// <summary>Signed decimal degrees: GPS 0x0003 'E'/'W' and 0x0004 degrees, minutes, seconds (seconds to 1/1000000).</summary>
    public double? Longitude { get; init; }

    /// <summary>Signed metres: GPS 0x0005 BYTE 0 (above) / 1 (below sea level) and 0x0006 the absolute value to 1/1000.</summary>
    public double? Altitude { get; init; }

    /// <summary>GPS 0x0009, "A" (active) or "V" (void).</summary>
    public string? GpsStatus { get; init; }

    /// <summary>GPS 0x001D, "YYYY:MM:DD" (UTC).</summary>
    public string? GpsDateStamp { get; init; }

    /// <summary>GPS 0x0007, three RATIONALs with denominator 1 (UTC).</summary>
    public (uint H, uint M, uint S)? GpsTimeStamp { get; init; }

    /// <summary>IFD0 0x9C9E (Windows XPKeywords): BYTEs of UCS-2 little endian plus a NUL pair, e.g. "sunset;urban".</summary>
    public string? XpKeywords { get; init; }

    /// <summary>Written as an Apple iOS makernote (0x927C) with tag 0x0011, the Live Photo content identifier.</summary>
    public string? AppleContentIdentifier { get; init; }

    /// <summary>Written in the same Apple iOS makernote as tag 0x000B, the burst's UUID.</summary>
    public string? AppleBurstUuid { get; init; }

    /// <summary>IFD0 0x02BC (XMP), the packet's UTF-8 bytes as BYTEs, as TIFF files and some cameras carry it.</summary>
    public string? Xmp { get; init; }
}
