using System.Buffers.Binary;
using System.Text;

namespace Rayray.Core.Extraction.IsoMedia.MakerBoxes;

/// <summary>
/// The fixed-layout camera records of compact cameras' movies, in a udta 'TAGS' box that begins with the maker's name
/// ("PENTAX DIGITAL CAMERA", "NIKON DIGITAL CAMERA", …) or Pentax's 'PENT' box: little-endian fields at fixed
/// offsets, as exiftool's Pentax::MOV/PENT, Nikon::MOV, FujiFilm::MOV, Kodak::MOV and Samsung::MP4 tables place them.
/// </summary>
internal static class BinaryTagBoxes
{
    private enum Number
    {
        None,
        Rational64,
        Integer32,
    }

    /// <param name="Prefix">What the box starts with for this layout (exiftool's condition).</param>
    /// <param name="Exposure">The exposure time's offset and the numerator it divides (exposure = n / value).</param>
    /// <param name="FocalLength">The focal length's offset and form (a rational, or whole millimetres).</param>
    /// <param name="Iso">The ISO's offset, its width in bytes and the smallest value that is one.</param>
    private sealed record Layout(
        string Vendor, string Prefix, int MakeLength, (int At, int Length)? Model,
        (int At, double Numerator)? Exposure, int? FNumber, (int At, Number Form)? FocalLength,
        (int At, int Bytes, int Minimum)? Iso, (int At, int Length)? Software);

    private static readonly Layout[] TagsLayouts =
    [
        new("Pentax", "PENTAX DIGITAL CAMERA\0", 24, null, (0x26, 10), 0x2A, (0x48, Number.Rational64), (0xAF, 2, 1), null),
        new("Nikon", "NIKON DIGITAL CAMERA\0", 24, (0x18, 8), (0x26, 10), 0x2A, (0x48, Number.Rational64), (0xDF, 2, 50), (0xAF, 16)),
        new("Fujifilm", "FUJIFILM DIGITAL CAMERA\0", 24, (0x18, 16), (0x2E, 1), 0x32, null, null, null),
        new("Kodak", "EASTMAN KODAK COMPANY", 21, (0x16, 42), (0x4E, 10), 0x52, (0x70, Number.Rational64), null, null),
        new("Samsung", "SAMSUNG DIGITAL CAMERA\0", 24, (0x18, 16), (0x2E, 10), 0x32, null, (0x6A, 4, 1), null),
    ];

    private static readonly Layout PentLayout =
        new("Pentax", "", 24, (0x1A, 24), (0x38, 10), 0x3C, (0x54, Number.Integer32), (0xA7, 4, 1), null);

    /// <summary>A udta 'TAGS' box; null when it is not one of the known layouts.</summary>
    public static CameraExifDirectory? ReadTags(ReadOnlySpan<byte> tags)
    {
        foreach (var layout in TagsLayouts)
        {
            if (tags.StartsWith(Encoding.Latin1.GetBytes(layout.Prefix)))
                return Read(tags, layout, "TAGS");
        }
        return null;
    }

    /// <summary>A udta 'PENT' box (Pentax Optio WG-2 and kin).</summary>
    public static CameraExifDirectory? ReadPent(ReadOnlySpan<byte> pent) => Read(pent, PentLayout, "PENT");

    private static CameraExifDirectory? Read(ReadOnlySpan<byte> data, Layout layout, string box)
    {
        var directory = new CameraExifDirectory($"{layout.Vendor} {box}");
        directory.SetFirst(CameraExifDirectory.Make, Text(data, 0, layout.MakeLength));
        if (layout.Model is var (modelAt, modelLength))
            directory.SetFirst(CameraExifDirectory.Model, Text(data, modelAt, modelLength));
        if (layout.Exposure is var (exposureAt, numerator) && UInt32(data, exposureAt) is > 0 and var exposure)
            directory.Set(CameraExifDirectory.ExposureTime, numerator / exposure);
        if (layout.FNumber is { } fNumberAt)
            directory.SetFirst(CameraExifDirectory.FNumber, Rational(data, fNumberAt));
        if (layout.FocalLength is var (focalAt, form))
        {
            double? focal = form == Number.Rational64 ? Rational(data, focalAt) : UInt32(data, focalAt) is > 0 and var mm ? mm : null;
            directory.SetFirst(CameraExifDirectory.FocalLength, focal);
        }
        if (layout.Iso is var (isoAt, bytes, minimum))
        {
            var iso = bytes == 2 ? UInt16(data, isoAt) : UInt32(data, isoAt);
            if (iso >= minimum && iso <= int.MaxValue)
                directory.Set(CameraExifDirectory.IsoSpeedRatings, (int)iso.Value);
        }
        if (layout.Software is var (softwareAt, softwareLength))
            directory.SetFirst(CameraExifDirectory.Software, Text(data, softwareAt, softwareLength));
        return directory.TagCount > 0 ? directory : null;
    }

    /// <summary>A fixed-length string field up to its first NUL, trimmed; null when empty or outside the box.</summary>
    internal static string? Text(ReadOnlySpan<byte> data, int at, int length)
    {
        if (at + length > data.Length)
            return null;
        var field = data.Slice(at, length);
        var end = field.IndexOf((byte)0);
        var text = Encoding.Latin1.GetString(end < 0 ? field : field[..end]).Trim();
        return text.Length > 0 && text.All(c => !char.IsControl(c)) ? text : null;
    }

    private static uint? UInt16(ReadOnlySpan<byte> data, int at) =>
        at + 2 <= data.Length ? BinaryPrimitives.ReadUInt16LittleEndian(data[at..]) : null;

    private static uint? UInt32(ReadOnlySpan<byte> data, int at) =>
        at + 4 <= data.Length ? BinaryPrimitives.ReadUInt32LittleEndian(data[at..]) : null;

    /// <summary>exiftool's rational64u: a 32-bit numerator and denominator; null for 0 or x/0.</summary>
    private static double? Rational(ReadOnlySpan<byte> data, int at) =>
        UInt32(data, at) is > 0 and var numerator && UInt32(data, at + 4) is > 0 and var denominator ? (double)numerator / denominator : null;
}
