using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Rayray.Core.Extraction.CameraVideo;

/// <summary>
/// AVCHD's "Modified Digital Video Pack Metadata": a count, then 5-byte entries (a tag byte and 4 data bytes) in tag
/// order, carrying DV-era packs (IEC 61834-4) as exiftool's H264.pm decodes them: the recording date and time with the
/// time zone (0x18/0x19), the camera's exposure (0x70 iris, 0x7f shutter, 0xa0–0xa9 EXIF-like values) and the maker
/// (0xe0; Sony's model text in 0xe4–0xe6). Camcorders of the 2000s wrote their camera data nowhere else.
/// </summary>
internal static class Mdpm
{
    private const byte DateTimeZone = 0x18;
    private const byte DateTimeRest = 0x19;
    private const byte Camera1 = 0x70;
    private const byte Shutter = 0x7F;
    private const byte ExposureTime = 0xA0;
    private const byte FNumber = 0xA1;
    private const byte FocalLengthIn35mm = 0xA9;
    private const byte MakeModel = 0xE0;
    private const byte SonyModel = 0xE4;

    /// <summary>The maker codes exiftool names (its %convMake); others are kept as the number.</summary>
    private static readonly Dictionary<int, string> Makers = new()
    {
        [0x0103] = "Panasonic",
        [0x0108] = "Sony",
        [0x1011] = "Canon",
        [0x1104] = "JVC",
    };

    /// <param name="entries">The payload after the UUID and "MDPM".</param>
    public static void Read(ReadOnlySpan<byte> entries, CameraExifDirectory directory)
    {
        if (entries.IsEmpty)
            return;
        var values = new Dictionary<byte, byte[]>();
        var count = entries[0];
        var last = -1;
        for (var (i, at) = (0, 1); i < count && at + 5 <= entries.Length; i++, at += 5)
        {
            // Out of order means the rest is not entries (exiftool stops there too).
            if (entries[at] <= last)
                break;
            last = entries[at];
            values[entries[at]] = entries.Slice(at + 1, 4).ToArray();
        }

        if (Recorded(values) is var (wallClock, offset))
        {
            directory.Set(CameraExifDirectory.DateTimeOriginal, wallClock);
            if (offset is not null)
                directory.Set(CameraExifDirectory.OffsetTimeOriginal, offset);
        }
        if (values.TryGetValue(MakeModel, out var makeModel))
        {
            var code = BinaryPrimitives.ReadUInt16BigEndian(makeModel);
            directory.SetOwn("MakeCode", (int)code);
            if (Makers.TryGetValue(code, out var make))
                directory.Set(CameraExifDirectory.Make, make);
            if (code == 0x0108 && Text(values, SonyModel, 3) is { } model)
                directory.Set(CameraExifDirectory.Model, model);
        }

        directory.SetFirst(CameraExifDirectory.ExposureTime, Fraction(values, ExposureTime) ?? ShutterSeconds(values));
        directory.SetFirst(CameraExifDirectory.FNumber, Fraction(values, FNumber) ?? IrisFNumber(values, directory));
        directory.SetFirst(CameraExifDirectory.FocalLengthIn35mmFilm, Fraction(values, FocalLengthIn35mm));
    }

    /// <summary>
    /// 0x18: the time zone byte, then the year and month in BCD; 0x19: day, hour, minute, second in BCD. The zone byte
    /// holds the sign (0x20), the hours (0x1e, binary) and a half hour (0x01); 0x40 flags daylight saving time, which
    /// the offset is taken to include, as exiftool shows it. A byte with 0x80 set (0xff: not set) gives no offset.
    /// </summary>
    private static (string WallClock, string? Offset)? Recorded(Dictionary<byte, byte[]> values)
    {
        if (!values.TryGetValue(DateTimeZone, out var first) || !values.TryGetValue(DateTimeRest, out var rest))
            return null;
        int?[] parts = [Bcd(first[1]), Bcd(first[2]), Bcd(first[3]), Bcd(rest[0]), Bcd(rest[1]), Bcd(rest[2]), Bcd(rest[3])];
        if (parts.Any(p => p is null))
            return null;
        var (year, month, day) = ((parts[0]!.Value * 100) + parts[1]!.Value, parts[2]!.Value, parts[3]!.Value);
        var (hour, minute, second) = (parts[4]!.Value, parts[5]!.Value, parts[6]!.Value);
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            return null;
        var wallClock = string.Create(CultureInfo.InvariantCulture, $"{year:D4}:{month:D2}:{day:D2} {hour:D2}:{minute:D2}:{second:D2}");

        var zone = first[0];
        var hours = (zone >> 1) & 0x0F;
        string? offset = (zone & 0x80) != 0 || hours > 14
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{((zone & 0x20) != 0 ? '-' : '+')}{hours:D2}:{((zone & 0x01) != 0 ? 30 : 0):D2}");
        return (wallClock, offset);
    }

    private static int? Bcd(byte b) => (b >> 4) <= 9 && (b & 0x0F) <= 9 ? ((b >> 4) * 10) + (b & 0x0F) : null;

    /// <summary>exiftool's rational32u: a 16-bit numerator and denominator (big-endian); null for 0 or x/0.</summary>
    private static double? Fraction(Dictionary<byte, byte[]> values, byte tag)
    {
        if (!values.TryGetValue(tag, out var data))
            return null;
        var (numerator, denominator) = (BinaryPrimitives.ReadUInt16BigEndian(data), BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(2)));
        return numerator == 0 || denominator == 0 ? null : (double)numerator / denominator;
    }

    /// <summary>The shutter pack's exposure: the second 16-bit word, little-endian, in 1/28125 s (0x7fff: not known).</summary>
    private static double? ShutterSeconds(Dictionary<byte, byte[]> values)
    {
        if (!values.TryGetValue(Shutter, out var data))
            return null;
        var ticks = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(2)) & 0x7FFF;
        return ticks is 0 or 0x7FFF ? null : ticks / 28125.0;
    }

    /// <summary>
    /// The first camera pack's iris setting: the f-number is 2^(n/8) of its low six bits (0xff: automatic, 0xfe:
    /// closed), to one decimal as exiftool prints it. exiftool calls it ApertureSetting; it is the only aperture such
    /// camcorders record.
    /// </summary>
    private static double? IrisFNumber(Dictionary<byte, byte[]> values, CameraExifDirectory directory)
    {
        if (!values.TryGetValue(Camera1, out var data) || data[0] is 0xFF or 0xFE)
            return null;
        directory.SetOwn("ApertureSetting", (int)data[0]);
        return Math.Round(Math.Pow(2, (data[0] & 0x3F) / 8.0), 1);
    }

    /// <summary>Text over consecutive tags from <paramref name="tag"/> (4 bytes each), up to the first NUL.</summary>
    private static string? Text(Dictionary<byte, byte[]> values, byte tag, int tags)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < tags && values.TryGetValue((byte)(tag + i), out var data); i++)
            bytes.AddRange(data);
        var end = bytes.IndexOf(0);
        var text = Encoding.Latin1.GetString([.. end < 0 ? bytes : bytes[..end]]).Trim();
        return text.Length > 0 ? text : null;
    }
}
