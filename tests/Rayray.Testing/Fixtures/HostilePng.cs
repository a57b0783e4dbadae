using System.Buffers.Binary;

namespace Rayray.Testing.Fixtures;

/// <summary>PNGs whose chunk headers lie about their length.</summary>
public static class HostilePng
{
    /// <summary>
    /// A valid 8×8 PNG whose iTXt XMP packet is about <paramref name="megabytes"/> MB: a description of half that and as
    /// many keywords as fill the rest.
    /// </summary>
    public static byte[] WithGiantXmp(int megabytes)
    {
        var subjects = new List<string>();
        for (var size = 0; size < megabytes * 1024 * 1024 / 2; size += 30)
            subjects.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"keyword {subjects.Count}"));
        // The euro sign makes the writer use iTXt, the chunk readers take XMP from.
        var xmp = TestImages.Xmp(description: "€ " + new string('x', megabytes * 1024 * 1024 / 2), subjects: subjects);
        return TestImages.Png(8, 8, text: new Dictionary<string, string> { ["XML:com.adobe.xmp"] = xmp });
    }

    /// <summary>
    /// A valid 8×8 PNG with a compressed chunk (zTXt text, iCCP profile, or compressed iTXt XMP) that is small on disk
    /// and inflates to <paramref name="inflatedMegabytes"/> MB: a decompression bomb.
    /// </summary>
    public static byte[] WithCompressedBomb(string type, int inflatedMegabytes)
    {
        using var deflated = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(deflated, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < inflatedMegabytes; i++)
                zlib.Write(zeros);
        }
        byte[] prefix = type switch
        {
            "zTXt" => [.. "Comment"u8, 0, 0],
            "iCCP" => [.. "ICC profile"u8, 0, 0],
            "iTXt" => [.. "XML:com.adobe.xmp"u8, 0, 1, 0, 0, 0],
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a compressed chunk type"),
        };
        return WithChunk(type, [.. prefix, .. deflated.ToArray()]);
    }

    /// <summary>A valid 8×8 PNG with one more chunk, with its CRC, right after IHDR.</summary>
    public static byte[] WithChunk(string type, byte[] data)
    {
        var png = TestImages.Png(8, 8);
        const int AfterIhdr = 8 + 25;
        var header = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)data.Length);
        System.Text.Encoding.ASCII.GetBytes(type, header.AsSpan(4));
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Compute([.. header.AsSpan(4), .. data]));
        return [.. png.AsSpan(0, AfterIhdr), .. header, .. data, .. crc, .. png.AsSpan(AfterIhdr)];
    }

    /// <summary>
    /// A valid 8×8 PNG with a <paramref name="type"/> chunk after IHDR that declares <paramref name="declaredLength"/>
    /// bytes (e.g. 2^31) while the file holds only the rest of the picture after it.
    /// </summary>
    public static byte[] WithChunkDeclaring(uint declaredLength, string type = "tEXt")
    {
        var png = TestImages.Png(8, 8);
        // Signature (8) and IHDR (4 + 4 + 13 + 4).
        const int AfterIhdr = 8 + 25;
        var header = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, declaredLength);
        System.Text.Encoding.ASCII.GetBytes(type, header.AsSpan(4));
        return [.. png.AsSpan(0, AfterIhdr), .. header, .. "Comment\0"u8, .. png.AsSpan(AfterIhdr)];
    }
}
