using System.Globalization;
using System.Text;

namespace Rayray.Core.Extraction.Raw;

/// <summary>
/// Sigma/Foveon X3F (little endian): the "FOVb" header gives the version and the picture's columns and rows
/// (at 28 and 32 before version 4, at 40 and 44 from version 4); the file's last four bytes point to the
/// section directory ("SECd": offset, length and type of each section), and the "PROP" section
/// ("SECp") is a list of UTF-16 name=value pairs with the camera, exposure and capture time.
/// </summary>
internal static class X3fReader
{
    private const int MaxSections = 1024;
    private const int MaxPropertyBytes = 4 * 1024 * 1024;

    public static MetadataReading.Result Read(Stream stream, long length)
    {
        var header = RawBytes.At(stream, length, 0, Math.Min(length, 48));
        if (header is null || header.Length < 40)
            return new([], "truncated: the file ends inside the X3F header");
        var x3f = new CameraExifDirectory("X3F");
        var version = ByteOrder.Little.U32(header, 4);
        x3f.SetOwn("FileVersion", string.Create(CultureInfo.InvariantCulture, $"{version >> 16}.{version & 0xFFFF}"));
        var sizeAt = version >> 16 >= 4 ? 40 : 28;
        if (sizeAt + 8 <= header.Length && ByteOrder.Little.U32(header, sizeAt) is var width and > 0 and <= int.MaxValue &&
            ByteOrder.Little.U32(header, sizeAt + 4) is var height and > 0 and <= int.MaxValue)
        {
            x3f.Set(CameraExifDirectory.ImageWidth, (int)width);
            x3f.Set(CameraExifDirectory.ImageHeight, (int)height);
        }
        return new([x3f], ReadSections(stream, length, x3f));
    }

    /// <summary>Reads the section directory and the properties; returns the damage when a section lies outside the file.</summary>
    private static string? ReadSections(Stream stream, long length, CameraExifDirectory x3f)
    {
        var pointer = RawBytes.At(stream, length, length - 4, 4) is { } p ? ByteOrder.Little.U32(p, 0) : 0u;
        var head = RawBytes.At(stream, length, pointer, 12);
        if (head is null || !head.AsSpan(0, 4).SequenceEqual("SECd"u8))
            return string.Create(CultureInfo.InvariantCulture, $"truncated: the last four bytes do not point to the X3F section directory (offset {pointer} in a file of {length} bytes)");
        var count = ByteOrder.Little.U32(head, 8);
        var entries = count <= MaxSections ? RawBytes.At(stream, length, pointer + 12, 12 * count) : null;
        if (entries is null)
            return string.Create(CultureInfo.InvariantCulture, $"truncated: the X3F section directory at offset {pointer} declares {count} sections but the file ends at {length}");

        for (var at = 0; at < entries.Length; at += 12)
        {
            var (offset, size) = (ByteOrder.Little.U32(entries, at), ByteOrder.Little.U32(entries, at + 4));
            var type = Encoding.Latin1.GetString(entries, at + 8, 4);
            if (!RawBytes.Inside(offset, size, length))
                return string.Create(CultureInfo.InvariantCulture, $"truncated: the X3F section '{Printable(type)}' needs bytes up to {(long)offset + size} but the file ends at {length}");
            if (type == "PROP")
            {
                if (RawBytes.At(stream, length, offset, size, MaxPropertyBytes) is { } properties)
                    ReadProperties(properties, x3f);
                else
                    x3f.AddError("the X3F property list is too large to read");
            }
        }
        return null;
    }

    private static void ReadProperties(byte[] section, CameraExifDirectory x3f)
    {
        var little = ByteOrder.Little;
        if (section.Length < 24 || !section.AsSpan(0, 4).SequenceEqual("SECp"u8) || little.U32(section, 12) != 0)
        {
            x3f.AddError("the X3F property list has no UTF-16 header");
            return;
        }
        var count = little.U32(section, 8);
        var charsAt = 24L + (8L * count);
        if (charsAt > section.Length)
        {
            x3f.AddError("the X3F property list declares more entries than it holds");
            return;
        }
        var chars = section.AsSpan((int)charsAt);
        for (var i = 0; i < count; i++)
        {
            var name = Utf16At(chars, little.U32(section, 24 + (8 * i)));
            var value = Utf16At(chars, little.U32(section, 28 + (8 * i)));
            if (name is null || value is null)
                continue;
            Store(name, value, x3f);
        }
    }

    private static void Store(string name, string value, CameraExifDirectory x3f)
    {
        switch (name)
        {
            case "CAMMANUF": x3f.SetText(CameraExifDirectory.Make, value); break;
            case "CAMMODEL": x3f.SetText(CameraExifDirectory.Model, value); break;
            case "CAMSERIAL": x3f.SetText(CameraExifDirectory.BodySerialNumber, value); break;
            case "APERTURE": SetPositive(x3f, CameraExifDirectory.FNumber, value); break;
            case "SHUTTER": SetPositive(x3f, CameraExifDirectory.ExposureTime, value); break;
            case "FLENGTH": SetPositive(x3f, CameraExifDirectory.FocalLength, value); break;
            case "ISO" when Number(value) is { } iso && iso is >= 1 and < 1e7:
                x3f.Set(CameraExifDirectory.IsoSpeedRatings, (int)Math.Round(iso));
                break;
            case "TIME" when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds):
                x3f.SetUnixWallClock(CameraExifDirectory.DateTimeOriginal, seconds);
                break;
        }
    }

    private static void SetPositive(CameraExifDirectory x3f, int tag, string value)
    {
        if (Number(value) is { } number && number > 0 && double.IsFinite(number))
            x3f.Set(tag, number);
    }

    private static double? Number(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The NUL-terminated UTF-16 string starting at character <paramref name="index"/>; null when it starts outside.</summary>
    private static string? Utf16At(ReadOnlySpan<byte> chars, uint index)
    {
        if (index >= chars.Length / 2)
            return null;
        var text = chars[(int)(index * 2)..];
        var end = 0;
        while (end + 1 < text.Length && (text[end] | text[end + 1]) != 0)
            end += 2;
        return Encoding.Unicode.GetString(text[..end]);
    }

    private static string Printable(string type) => new([.. type.Select(c => char.IsControl(c) ? '?' : c)]);
}
