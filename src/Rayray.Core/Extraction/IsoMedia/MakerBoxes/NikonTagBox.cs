using System.Buffers.Binary;
using System.Text;
using Rayray.Core.Extraction.Heif;

namespace Rayray.Core.Extraction.IsoMedia.MakerBoxes;

/// <summary>
/// Nikon's 'NCDT' box in a movie's user data: its 'NCTG' child holds big-endian records of a 32-bit tag, an EXIF
/// format code and a count, then the value. Tags below 0x1100000 are Nikon's own (make, model, software, dates),
/// 0x110xxxx the EXIF tag xxxx, 0x200xxxx the Nikon makernote tag xxxx (exiftool's Nikon::NCTG).
/// </summary>
internal static class NikonTagBox
{
    private const uint Make = 0x01;
    private const uint Model = 0x02;
    private const uint Software = 0x03;
    private const uint DateTimeOriginal = 0x12;
    private const uint ExposureTime = 0x110829A;
    private const uint FNumber = 0x110829D;
    private const uint FocalLength = 0x110920A;
    private const uint LensModel = 0x110A434;
    private const uint IsoInfo = 0x2000025;

    private const int MaxRecords = 4096;

    /// <summary>Bytes per value of each EXIF format code (1 byte … 12 double); 0 for codes that are not formats.</summary>
    private static readonly int[] FormatSizes = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4];

    public static CameraExifDirectory? Read(ReadOnlySpan<byte> ncdt)
    {
        foreach (var box in IsoBox.Children(ncdt, 0, ncdt.Length))
        {
            if (box.Type == "NCTG")
                return ReadTags(ncdt.Slice(box.PayloadStart, box.PayloadLength));
        }
        return null;
    }

    private static CameraExifDirectory? ReadTags(ReadOnlySpan<byte> nctg)
    {
        var directory = new CameraExifDirectory("Nikon NCTG");
        var at = 0;
        for (var i = 0; i < MaxRecords && at + 8 <= nctg.Length; i++)
        {
            var tag = BinaryPrimitives.ReadUInt32BigEndian(nctg[at..]);
            var format = BinaryPrimitives.ReadUInt16BigEndian(nctg[(at + 4)..]);
            var count = BinaryPrimitives.ReadUInt16BigEndian(nctg[(at + 6)..]);
            if (format >= FormatSizes.Length || FormatSizes[format] == 0)
                break; // an unknown format: the rest cannot be found
            var size = FormatSizes[format] * count;
            at += 8;
            if (size > nctg.Length - at)
                break;
            Store(directory, tag, format, nctg.Slice(at, size));
            at += size;
        }
        return directory.TagCount > 0 ? directory : null;
    }

    private static void Store(CameraExifDirectory directory, uint tag, int format, ReadOnlySpan<byte> value)
    {
        switch (tag)
        {
            case Make when format == 2:
                directory.SetFirst(CameraExifDirectory.Make, Text(value));
                break;
            case Model when format == 2:
                directory.SetFirst(CameraExifDirectory.Model, Text(value));
                break;
            case Software when format == 2:
                directory.SetFirst(CameraExifDirectory.Software, Text(value));
                break;
            case DateTimeOriginal when format == 2:
                directory.SetFirst(CameraExifDirectory.DateTimeOriginal, Text(value));
                break;
            case LensModel when format == 2:
                directory.SetFirst(CameraExifDirectory.LensModel, Text(value));
                break;
            case ExposureTime when format == 5:
                directory.SetFirst(CameraExifDirectory.ExposureTime, Rational(value));
                break;
            case FNumber when format == 5:
                directory.SetFirst(CameraExifDirectory.FNumber, Rational(value));
                break;
            case FocalLength when format == 5:
                directory.SetFirst(CameraExifDirectory.FocalLength, Rational(value));
                break;
            case IsoInfo when value.Length > 0 && value[0] > 0:
                // ISOInfo's first byte n: ISO = 100 × 2^(n/12 − 5), printed rounded (exiftool's Nikon::ISOInfo).
                directory.SetFirst(CameraExifDirectory.IsoSpeedRatings, (int)Math.Round(100 * Math.Pow(2, (value[0] / 12.0) - 5)));
                break;
        }
    }

    private static string? Text(ReadOnlySpan<byte> value)
    {
        var end = value.IndexOf((byte)0);
        var text = Encoding.UTF8.GetString(end < 0 ? value : value[..end]).Trim();
        return text.Length > 0 ? text : null;
    }

    private static double? Rational(ReadOnlySpan<byte> value)
    {
        if (value.Length < 8)
            return null;
        var (numerator, denominator) = (BinaryPrimitives.ReadUInt32BigEndian(value), BinaryPrimitives.ReadUInt32BigEndian(value[4..]));
        return numerator == 0 || denominator == 0 ? null : (double)numerator / denominator;
    }
}
