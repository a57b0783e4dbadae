using System.Text;

namespace Rayray.Testing.Fixtures;

/// <summary>
/// Turns an <see cref="ExifSpec"/> into TIFF directories: IFD0 tags, an Exif sub-IFD (0x8769, always present and
/// carrying ExifVersion "0232") and a GPS IFD (0x8825, only when a GPS property is set).
/// </summary>
public static class ExifEncoder
{
    /// <summary>A standalone Exif TIFF structure, as carried in JPEG APP1 (after "Exif\0\0"), PNG eXIf and a HEIF Exif item.</summary>
    public static byte[] ToTiff(ExifSpec spec, bool bigEndian = false) => TiffWriter.Write(ToIfd0(spec), bigEndian);

    /// <summary>IFD0 holding the spec's tags and pointers to its Exif and GPS IFDs; callers may add image tags to it.</summary>
    public static TiffIfd ToIfd0(ExifSpec spec)
    {
        var ifd0 = Ifd0Tags(spec);
        ifd0.AddSubIfd(0x8769, ExifIfd(spec));
        if (GpsIfd(spec) is { } gps)
            ifd0.AddSubIfd(0x8825, gps);
        return ifd0;
    }

    /// <summary>IFD0 with the spec's own tags and no pointers to other IFDs (a CR3's CMT1 holds them so).</summary>
    internal static TiffIfd Ifd0Tags(ExifSpec spec)
    {
        var ifd0 = new TiffIfd();
        AddAscii(ifd0, 0x010E, spec.ImageDescription);
        AddAscii(ifd0, 0x010F, spec.Make);
        AddAscii(ifd0, 0x0110, spec.Model);
        if (spec.Orientation is { } orientation)
            ifd0.AddShorts(0x0112, checked((ushort)orientation));
        AddAscii(ifd0, 0x0131, spec.Software);
        AddAscii(ifd0, 0x0132, spec.DateTime);
        AddAscii(ifd0, 0x013B, spec.Artist);
        AddAscii(ifd0, 0x8298, spec.Copyright);
        if (spec.Xmp is { } xmp)
            ifd0.AddBytes(0x02BC, System.Text.Encoding.UTF8.GetBytes(xmp));
        if (spec.XpKeywords is { } keywords)
            ifd0.AddBytes(0x9C9E, [.. Encoding.Unicode.GetBytes(keywords), 0, 0]);
        return ifd0;
    }

    internal static TiffIfd ExifIfd(ExifSpec spec)
    {
        var exif = new TiffIfd();
        AddRational(exif, 0x829A, spec.ExposureTime);
        AddRational(exif, 0x829D, spec.FNumber);
        if (spec.Iso is { } iso)
            exif.AddShorts(0x8827, iso);
        exif.AddUndefined(0x9000, "0232"u8.ToArray());
        AddAscii(exif, 0x9003, spec.DateTimeOriginal);
        AddAscii(exif, 0x9004, spec.DateTimeDigitized);
        AddAscii(exif, 0x9010, spec.OffsetTime);
        AddAscii(exif, 0x9011, spec.OffsetTimeOriginal);
        AddAscii(exif, 0x9012, spec.OffsetTimeDigitized);
        AddRational(exif, 0x920A, spec.FocalLength);
        AddAscii(exif, 0x9290, spec.SubSecTime);
        AddAscii(exif, 0x9291, spec.SubSecTimeOriginal);
        AddAscii(exif, 0x9292, spec.SubSecTimeDigitized);
        if (spec.PixelXDimension is { } x)
            exif.AddLongs(0xA002, checked((uint)x));
        if (spec.PixelYDimension is { } y)
            exif.AddLongs(0xA003, checked((uint)y));
        AddAscii(exif, 0xA434, spec.LensModel);
        if (spec.AppleContentIdentifier is not null || spec.AppleBurstUuid is not null)
        {
            exif.AddUndefined(0x927C, AppleMakerNote(
                [.. new (ushort, string?)[] { (0x000B, spec.AppleBurstUuid), (0x0011, spec.AppleContentIdentifier) }
                    .Where(e => e.Item2 is not null).Select(e => (e.Item1, e.Item2!))]));
        }
        return exif;
    }

    /// <summary>
    /// An Apple iOS makernote: "Apple iOS\0", version 1, "MM", then a big-endian IFD at offset 14
    /// whose value offsets count from the makernote's first byte, holding ASCII entries in tag order: 0x000B
    /// (burst UUID), 0x0011 (content identifier).
    /// </summary>
    private static byte[] AppleMakerNote(IReadOnlyList<(ushort Tag, string Text)> entries)
    {
        var texts = entries.Select(e => Encoding.ASCII.GetBytes(e.Text + "\0")).ToList();
        var note = new List<byte>();
        note.AddRange("Apple iOS\0"u8.ToArray());
        note.AddRange([0x00, 0x01, (byte)'M', (byte)'M']);
        note.AddRange([0x00, (byte)entries.Count]);
        var valueOffset = 14 + 2 + (12 * entries.Count) + 4;
        var values = new List<byte>();
        for (var i = 0; i < entries.Count; i++)
        {
            var text = texts[i];
            note.AddRange([(byte)(entries[i].Tag >> 8), (byte)entries[i].Tag, 0x00, 0x02]); // ASCII
            note.AddRange(BigEndian((uint)text.Length));
            if (text.Length <= 4)
            {
                note.AddRange([.. text, .. new byte[4 - text.Length]]);
                continue;
            }
            note.AddRange(BigEndian((uint)(valueOffset + values.Count)));
            values.AddRange(text);
        }
        note.AddRange([0, 0, 0, 0]);                                   // no next IFD
        note.AddRange(values);
        return [.. note];
    }

    private static byte[] BigEndian(uint value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    /// <summary>The GPS IFD; null when the spec sets no GPS property.</summary>
    internal static TiffIfd? GpsIfd(ExifSpec spec)
    {
        if (spec is { Latitude: null, Longitude: null, Altitude: null, GpsStatus: null, GpsDateStamp: null, GpsTimeStamp: null })
            return null;
        var gps = new TiffIfd();
        gps.AddBytes(0x0000, 2, 3, 0, 0);
        if (spec.Latitude is { } latitude)
        {
            gps.AddAscii(0x0001, latitude < 0 ? "S" : "N");
            gps.AddRationals(0x0002, DegreesMinutesSeconds(latitude));
        }
        if (spec.Longitude is { } longitude)
        {
            gps.AddAscii(0x0003, longitude < 0 ? "W" : "E");
            gps.AddRationals(0x0004, DegreesMinutesSeconds(longitude));
        }
        if (spec.Altitude is { } altitude)
        {
            if (!double.IsFinite(altitude))
                throw new ArgumentException($"altitude {altitude} is not a number", nameof(spec));
            gps.AddBytes(0x0005, altitude < 0 ? (byte)1 : (byte)0);
            gps.AddRationals(0x0006, (checked((uint)Math.Round(Math.Abs(altitude) * 1000)), 1000));
        }
        if (spec.GpsTimeStamp is var (h, m, s))
            gps.AddRationals(0x0007, (h, 1), (m, 1), (s, 1));
        AddAscii(gps, 0x0009, spec.GpsStatus);
        AddAscii(gps, 0x001D, spec.GpsDateStamp);
        return gps;
    }

    /// <summary>The absolute value as whole degrees, whole minutes and seconds in millionths (about 3e-10 degree).</summary>
    private static (uint, uint)[] DegreesMinutesSeconds(double degrees)
    {
        if (!double.IsFinite(degrees))
            throw new ArgumentException($"coordinate {degrees} is not a number", nameof(degrees));
        const long MicroSecondsPerMinute = 60L * 1_000_000;
        const long MicroSecondsPerDegree = 60 * MicroSecondsPerMinute;
        var total = checked((long)Math.Round(Math.Abs(degrees) * MicroSecondsPerDegree));
        var whole = total / MicroSecondsPerDegree;
        var minutes = total % MicroSecondsPerDegree / MicroSecondsPerMinute;
        var microSeconds = total % MicroSecondsPerMinute;
        return [(checked((uint)whole), 1), ((uint)minutes, 1), ((uint)microSeconds, 1_000_000)];
    }

    private static void AddAscii(TiffIfd ifd, ushort tag, string? value)
    {
        if (value is not null)
            ifd.AddAscii(tag, value);
    }

    private static void AddRational(TiffIfd ifd, ushort tag, (uint Numerator, uint Denominator)? value)
    {
        if (value is { } rational)
            ifd.AddRationals(tag, rational);
    }
}
