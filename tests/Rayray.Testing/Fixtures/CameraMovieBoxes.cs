using System.Buffers.Binary;
using System.Text;

namespace Rayray.Testing.Fixtures;

/// <summary>
/// The boxes camera makers put in their movies (laid out as exiftool's QuickTime, Pentax, Nikon, Canon, Panasonic,
/// Sony and GoPro tables read them), and their insertion into a movie ffmpeg made (its 'moov' last, so no chunk offset moves).
/// </summary>
public static class CameraMovieBoxes
{
    private static readonly byte[] CanonUuidBytes = [0x85, 0xC0, 0xB6, 0x87, 0x82, 0x0F, 0x11, 0xE0, 0x81, 0x11, 0xF4, 0xCE, 0x46, 0x2B, 0x6A, 0x48];

    public static byte[] Box(string type, params byte[][] payload)
    {
        var body = payload.SelectMany(p => p).ToArray();
        var box = new byte[8 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(box, (uint)box.Length);
        Encoding.Latin1.GetBytes(type, box.AsSpan(4));
        body.CopyTo(box, 8);
        return box;
    }

    /// <summary>Pentax's 'TAGS' record (little-endian): make, exposure as 10/n s, f-number and focal length as rationals, ISO.</summary>
    public static byte[] PentaxTags(string make, uint exposureTenthsDivisor, (uint N, uint D) fNumber, (uint N, uint D) focalLength, ushort iso)
    {
        var tags = new byte[0xB1];
        Encoding.ASCII.GetBytes(make, tags);
        tags[0x20] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(tags.AsSpan(0x26), exposureTenthsDivisor);
        BinaryPrimitives.WriteUInt32LittleEndian(tags.AsSpan(0x2A), fNumber.N);
        BinaryPrimitives.WriteUInt32LittleEndian(tags.AsSpan(0x2E), fNumber.D);
        BinaryPrimitives.WriteUInt32LittleEndian(tags.AsSpan(0x36), 10); // exposure compensation 0/10
        BinaryPrimitives.WriteUInt32LittleEndian(tags.AsSpan(0x48), focalLength.N);
        BinaryPrimitives.WriteUInt32LittleEndian(tags.AsSpan(0x4C), focalLength.D);
        BinaryPrimitives.WriteUInt16LittleEndian(tags.AsSpan(0xAF), iso);
        return Box("TAGS", tags);
    }

    /// <summary>One NCTG record: tag, EXIF format code, count, value (big-endian).</summary>
    public readonly record struct NikonRecord(uint Tag, ushort Format, ushort Count, byte[] Value)
    {
        public static NikonRecord Ascii(uint tag, string text) => new(tag, 2, (ushort)(text.Length + 1), [.. Encoding.ASCII.GetBytes(text), 0]);

        public static NikonRecord Rational(uint tag, uint numerator, uint denominator)
        {
            var value = new byte[8];
            BinaryPrimitives.WriteUInt32BigEndian(value, numerator);
            BinaryPrimitives.WriteUInt32BigEndian(value.AsSpan(4), denominator);
            return new(tag, 5, 1, value);
        }

        public static NikonRecord Undefined(uint tag, params byte[] bytes) => new(tag, 7, (ushort)bytes.Length, bytes);
    }

    /// <summary>Nikon's 'NCDT' box: a version ('NCHD') and the tag records ('NCTG').</summary>
    public static byte[] NikonNcdt(params NikonRecord[] records)
    {
        var nctg = new List<byte>();
        foreach (var record in records)
        {
            var header = new byte[8];
            BinaryPrimitives.WriteUInt32BigEndian(header, record.Tag);
            BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), record.Format);
            BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), record.Count);
            nctg.AddRange(header);
            nctg.AddRange(record.Value);
        }
        return Box("NCDT", Box("NCHD", "0100\0"u8.ToArray()), Box("NCTG", [.. nctg]));
    }

    /// <summary>Canon's 'uuid' box of the movie box: the boxes given (CNCV, CMT1, CMT2 …) after Canon's UUID.</summary>
    public static byte[] CanonUuid(params byte[][] boxes) => Box("uuid", [CanonUuidBytes, .. boxes]);

    /// <summary>Canon's 'CNTH' box: the THM thumbnail JPEG in 'CNDA'.</summary>
    public static byte[] CanonThumbnail(byte[] jpeg) => Box("CNTH", Box("CNDA", jpeg));

    /// <summary>Panasonic's 'PANA' box: the model at offset 4 and the EXIF (a JPEG APP1 segment) at 0x4068.</summary>
    public static byte[] PanasonicPana(string model, byte[] exifTiff)
    {
        var pana = new byte[0x4068 + 12 + exifTiff.Length];
        BinaryPrimitives.WriteUInt16BigEndian(pana, 0x0200);
        Encoding.ASCII.GetBytes(model, pana.AsSpan(4, 16));
        byte[] app1 = [0xFF, 0xD8, 0xFF, 0xE1, (byte)((exifTiff.Length + 8) >> 8), (byte)(exifTiff.Length + 8), .. "Exif\0\0"u8];
        app1.CopyTo(pana, 0x4068);
        exifTiff.CopyTo(pana, 0x4068 + 12);
        return Box("PANA", pana);
    }

    /// <summary>A top-level 'meta' box as Sony's XAVC movies have it: handler 'nrtm' and the NonRealTimeMeta XML in 'xml '.</summary>
    public static byte[] SonyNonRealTimeMeta(string xml)
    {
        byte[] hdlr = [0, 0, 0, 0, 0, 0, 0, 0, .. "nrtm"u8, .. new byte[12], 0];
        return Box("meta", [0, 0, 0, 0], Box("hdlr", hdlr), Box("xml ", [0, 0, 0, 0], Encoding.UTF8.GetBytes(xml)));
    }

    /// <summary>GoPro's 'GPMF' user data: a DEVC container with the device name and the model (MINF).</summary>
    public static byte[] GoProGpmf(string model) =>
        Box("GPMF", Klv("DEVC", 0, 1, [.. Klv("DVNM", (byte)'c', 1, "Global Settings"u8.ToArray()), .. Klv("MINF", (byte)'c', 1, Encoding.ASCII.GetBytes(model))]));

    /// <summary>A GPMF entry: key, type, size and repeat count (the value's bytes over the size), the value padded to 4 bytes.</summary>
    public static byte[] Klv(string key, byte type, int size, byte[] value)
    {
        var repeat = value.Length / size;
        var entry = new byte[8 + ((value.Length + 3) & ~3)];
        Encoding.ASCII.GetBytes(key, entry);
        entry[4] = type;
        entry[5] = (byte)size;
        BinaryPrimitives.WriteUInt16BigEndian(entry.AsSpan(6), (ushort)repeat);
        value.CopyTo(entry, 8);
        return entry;
    }

    /// <summary>The movie with a 'udta' box holding <paramref name="boxes"/> added at the end of its movie box.</summary>
    public static byte[] WithUserData(byte[] movie, params byte[][] boxes) => WithMovieBoxes(movie, Box("udta", boxes));

    /// <summary>The movie with <paramref name="boxes"/> added at the end of its movie box, which must be the file's last box.</summary>
    public static byte[] WithMovieBoxes(byte[] movie, params byte[][] boxes)
    {
        var added = boxes.SelectMany(b => b).ToArray();
        var at = 0;
        while (at + 8 <= movie.Length)
        {
            var size = (int)BinaryPrimitives.ReadUInt32BigEndian(movie.AsSpan(at));
            var type = Encoding.Latin1.GetString(movie, at + 4, 4);
            if (size < 8)
                throw new InvalidOperationException($"a '{type}' box with a size this helper does not follow");
            if (type == "moov")
            {
                if (at + size != movie.Length)
                    throw new InvalidOperationException("the movie box is not last: adding to it would move the media's chunk offsets");
                var result = new byte[movie.Length + added.Length];
                movie.CopyTo(result, 0);
                added.CopyTo(result, movie.Length);
                BinaryPrimitives.WriteUInt32BigEndian(result.AsSpan(at), (uint)(size + added.Length));
                return result;
            }
            at += size;
        }
        throw new InvalidOperationException("the movie has no 'moov' box");
    }
}
