using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Rayray.Core.Extraction.Headers;

/// <summary>
/// GIMP XCF (devel-docs/xcf.txt in GIMP's sources): "gimp xcf ", the version ("file" or "v001" …) and a NUL,
/// then width, height and base type (RGB, grayscale, indexed), all big-endian; from version 4 the precision.
/// </summary>
internal static class XcfHeader
{
    private const int MaxProperties = 10_000;

    public static bool IsXcf(ReadOnlySpan<byte> h) =>
        h.Length >= 14 && h.StartsWith("gimp xcf "u8) && h[13] == 0 &&
        (h[9..13].SequenceEqual("file"u8) || (h[9] == (byte)'v' && char.IsAsciiDigit((char)h[10]) && char.IsAsciiDigit((char)h[11]) && char.IsAsciiDigit((char)h[12])));

    public static HeaderRead Read(Stream stream, long length)
    {
        var directory = new ImageHeaderDirectory("XCF");
        var h = ImageHeaders.ReadAt(stream, 0, 30, length).AsSpan();
        if (h.Length < 26)
            return new HeaderRead(directory, ImageHeaders.CutShort("XCF header"));
        var version = Encoding.ASCII.GetString(h[9..13]);
        var number = version == "file" ? 0 : int.Parse(version[1..], CultureInfo.InvariantCulture);
        directory.Set(ImageHeaderDirectory.TagVersion, version);
        directory.Set(ImageHeaderDirectory.TagColorType, BinaryPrimitives.ReadUInt32BigEndian(h[22..]) switch
        {
            0 => "RGB", 1 => "grayscale", 2 => "indexed", var other => other.ToString(CultureInfo.InvariantCulture),
        });
        // Version 7 on counts precision in hundreds: 1 8-bit, 2 16-bit, 3 32-bit integer, 5 half, 6 float, 7 double.
        if (h.Length >= 30 && number >= 7 &&
            (BinaryPrimitives.ReadUInt32BigEndian(h[26..]) / 100) switch { 1 => 8, 2 or 5 => 16, 3 or 6 => 32, 7 => 64, _ => 0 } is var bits and > 0)
            directory.Set(ImageHeaderDirectory.TagBitsPerSample, bits);
        var damage = directory.SetSize(BinaryPrimitives.ReadUInt32BigEndian(h[14..]), BinaryPrimitives.ReadUInt32BigEndian(h[18..]));
        var metadata = new EmbeddedMetadata();
        Parasites(stream, number >= 4 ? 30 : 26, length, metadata);
        return new HeaderRead(directory, damage, metadata);
    }

    /// <summary>
    /// The image properties follow the header (type, length, payload; type 0 ends them); the parasites property
    /// (21) holds named blocks: "exif-data" (after "Exif\0\0"), "gimp-metadata" (XMP after "GIMP_XMP_1") and
    /// "icc-profile". A list that breaks off only ends the search: the picture is described by the header.
    /// </summary>
    private static void Parasites(Stream stream, long at, long length, EmbeddedMetadata metadata)
    {
        const uint parasitesProperty = 21;
        for (var properties = 0; properties < MaxProperties && ImageHeaders.ReadAt(stream, at, 8, length) is { Length: 8 } property; properties++)
        {
            var (type, size) = (BinaryPrimitives.ReadUInt32BigEndian(property), BinaryPrimitives.ReadUInt32BigEndian(property.AsSpan(4)));
            if (type == 0)
                return;
            if (type == parasitesProperty && EmbeddedMetadata.Read(stream, at + 8, size, length) is { } parasites)
            {
                for (var p = parasites.AsSpan(); p.Length >= 12;)
                {
                    var nameLength = BinaryPrimitives.ReadUInt32BigEndian(p);
                    if (nameLength > (uint)p.Length - 12)
                        return;
                    var name = Encoding.Latin1.GetString(p.Slice(4, (int)nameLength)).TrimEnd('\0');
                    var dataLength = BinaryPrimitives.ReadUInt32BigEndian(p[(8 + (int)nameLength)..]);
                    var dataStart = 12 + (int)nameLength;
                    if (dataLength > (uint)(p.Length - dataStart))
                        return;
                    var data = p.Slice(dataStart, (int)dataLength);
                    if (name == "exif-data" && data.StartsWith("Exif\0\0"u8))
                        metadata.AddExif(data[6..]);
                    else if (name == "gimp-metadata" && data.StartsWith("GIMP_XMP_1"u8))
                        metadata.AddXmp(data[10..]);
                    else if (name == "icc-profile")
                        metadata.AddIcc(data);
                    p = p[(dataStart + (int)dataLength)..];
                }
            }
            at += 8L + size;
        }
    }
}
