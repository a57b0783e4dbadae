using System.Buffers.Binary;
using System.Globalization;
using Rayray.Core.Extraction.IsoMedia;
using Rayray.Core.Formats;

namespace Rayray.Core.Extraction.Headers;

/// <summary>
/// JPEG 2000 (ITU-T T.800 Annex I, T.801 Annex M): a JP2/JPX file is a signature box, a file type box, then the
/// JP2 header box whose image header box (ihdr) gives the size; a bare codestream (J2C) starts with SOC and its
/// SIZ marker segment gives the reference grid, less its offset.
/// </summary>
internal static class Jpeg2000Header
{
    private const int MaxHeaderBoxLength = 1024 * 1024;

    public static ReadOnlySpan<byte> Signature => [0, 0, 0, 0x0C, (byte)'j', (byte)'P', (byte)' ', (byte)' ', 0x0D, 0x0A, 0x87, 0x0A];

    /// <summary>The signature of the first drafts, which some early files kept.</summary>
    public static ReadOnlySpan<byte> DraftSignature => [0, 0, 0, 0x0C, (byte)'j', (byte)'P', 0x1A, 0x1A, 0x0D, 0x0A, 0x87, 0x0A];

    private static ReadOnlySpan<byte> XmpUuid => [0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC];

    public static bool IsCodestream(ReadOnlySpan<byte> h) => h.Length >= 4 && h[0] == 0xFF && h[1] == 0x4F && h[2] == 0xFF && h[3] == 0x51;

    /// <summary>The format a JPEG 2000 file is, by the brands of its file type box; null when it is none rayray reads (JPM documents).</summary>
    public static MediaFormat? Variant(ReadOnlySpan<byte> h)
    {
        if (h.Length < 24 || !h[16..20].SequenceEqual("ftyp"u8))
            return MediaFormats.Jp2;
        var brand = h[20..24];
        if (brand.SequenceEqual("jpx "u8))
            return MediaFormats.Jpx;
        if (brand.SequenceEqual("mjp2"u8) || brand.SequenceEqual("mj2s"u8))
            return MediaFormats.Mj2;
        return brand.SequenceEqual("jpm "u8) ? null : MediaFormats.Jp2;
    }

    public static HeaderRead Read(Stream stream, long length, string name)
    {
        var directory = new ImageHeaderDirectory(name);
        var start = ImageHeaders.ReadAt(stream, 0, 4, length);
        if (IsCodestream(start))
            return new HeaderRead(directory, Codestream(stream, 0, length, directory));

        // The size is in jp2h (or, failing that, the codestream); EXIF and XMP boxes may come before or after both.
        var metadata = new EmbeddedMetadata();
        string? damage = "damaged: no JP2 header box (jp2h) in the file";
        var sized = false;
        var truncated = ImageHeaders.WalkBoxes(stream, length, (header, at, boxLength) =>
        {
            var payload = at + header.Length;
            var payloadLength = boxLength - header.Length;
            if (header.Type == "jp2h" && !sized)
            {
                sized = true;
                damage = payloadLength > MaxHeaderBoxLength
                    ? $"damaged: the JP2 header box declares {boxLength} bytes"
                    : ImageHeaderBox(ImageHeaders.ReadAt(stream, payload, (int)payloadLength, length), directory);
            }
            else if (header.Type == "jp2c" && !sized)
            {
                sized = true;
                damage = Codestream(stream, payload, length, directory);
            }
            else if (header.Type == "uuid" && payloadLength > 16)
            {
                Uuid(EmbeddedMetadata.Read(stream, payload, payloadLength, length), metadata);
            }
        });
        return new HeaderRead(directory, truncated ?? damage, metadata);
    }

    /// <summary>XMP (its UUID), and EXIF behind "JpgTiffExif->JP2" (with "Exif\0\0" before the TIFF header in some writers').</summary>
    private static void Uuid(ReadOnlySpan<byte> box, EmbeddedMetadata metadata)
    {
        if (box.Length <= 16)
            return;
        if (box.StartsWith(XmpUuid))
            metadata.AddXmp(box[16..]);
        else if (box.StartsWith("JpgTiffExif->JP2"u8))
            metadata.AddExif(box[16..].StartsWith("Exif\0\0"u8) ? box[22..] : box[16..]);
    }

    /// <summary>Reads ihdr (and colr's colour space) inside jp2h.</summary>
    private static string? ImageHeaderBox(ReadOnlySpan<byte> jp2h, ImageHeaderDirectory directory)
    {
        string? damage = "damaged: the JP2 header box has no image header (ihdr)";
        while (RawBoxHeader.Decode(jp2h) is { } header && header.LengthWithin(jp2h.Length) is { } boxLength)
        {
            var payload = jp2h[header.Length..(int)boxLength];
            if (header.Type == "ihdr" && payload.Length >= 14)
            {
                damage = directory.SetSize(BinaryPrimitives.ReadUInt32BigEndian(payload[4..]), BinaryPrimitives.ReadUInt32BigEndian(payload));
                directory.Set(ImageHeaderDirectory.TagChannels, (int)BinaryPrimitives.ReadUInt16BigEndian(payload[8..]));
                if (payload[10] != 0xFF)
                    directory.Set(ImageHeaderDirectory.TagBitsPerSample, (payload[10] & 0x7F) + 1);
            }
            else if (header.Type == "colr" && payload.Length >= 7 && payload[0] == 1)
            {
                directory.Set(ImageHeaderDirectory.TagColorType, BinaryPrimitives.ReadUInt32BigEndian(payload[3..]) switch
                {
                    16 => "sRGB",
                    17 => "grayscale",
                    18 => "sYCC",
                    var other => other.ToString(CultureInfo.InvariantCulture),
                });
            }
            jp2h = jp2h[(int)boxLength..];
        }
        return damage;
    }

    /// <summary>Reads the SIZ marker segment that follows SOC at <paramref name="at"/>.</summary>
    private static string? Codestream(Stream stream, long at, long length, ImageHeaderDirectory directory)
    {
        var siz = ImageHeaders.ReadAt(stream, at, 43, length).AsSpan();
        if (!IsCodestream(siz))
            return "damaged: the JPEG 2000 codestream does not start with SOC and SIZ markers";
        if (siz.Length < 43)
            return ImageHeaders.CutShort("JPEG 2000 SIZ marker segment");
        var width = (long)BinaryPrimitives.ReadUInt32BigEndian(siz[8..]) - BinaryPrimitives.ReadUInt32BigEndian(siz[16..]);
        var height = (long)BinaryPrimitives.ReadUInt32BigEndian(siz[12..]) - BinaryPrimitives.ReadUInt32BigEndian(siz[20..]);
        directory.Set(ImageHeaderDirectory.TagChannels, (int)BinaryPrimitives.ReadUInt16BigEndian(siz[40..]));
        directory.Set(ImageHeaderDirectory.TagBitsPerSample, (siz[42] & 0x7F) + 1);
        return directory.SetSize(width, height);
    }
}
