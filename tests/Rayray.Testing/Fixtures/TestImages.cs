namespace Rayray.Testing.Fixtures;

/// <summary>
/// Builds small, standard-conforming image files with exactly known metadata, so tests can write a file and check
/// that the indexer reads the same values back. No binary test files are committed; every fixture is generated.
/// </summary>
public static class TestImages
{
    /// <summary>
    /// A baseline JPEG of a uniform grey picture: SOI, APP1 Exif (when <paramref name="exif"/> is given), APP1 XMP,
    /// APP13 Photoshop/IPTC keywords, DQT, SOF0 (Y Cb Cr 4:2:0), DHT, DRI (when <paramref name="restartInterval"/> &gt; 0),
    /// SOS, entropy-coded data with RST0..RST7 every <paramref name="restartInterval"/> MCUs, EOI. Width and height 1..65535.
    /// </summary>
    public static byte[] Jpeg(int width, int height, ExifSpec? exif = null, string? xmp = null, IReadOnlyList<string>? iptcKeywords = null, int restartInterval = 0) =>
        JpegWriter.Write(width, height, exif is null ? null : ExifEncoder.ToTiff(exif), xmp, iptcKeywords, restartInterval);

    /// <summary>
    /// Like <see cref="Jpeg"/> but with full-resolution chroma (Y Cb Cr 4:4:4, 8x8-pixel MCUs of 14 bits each), so the
    /// entropy-coded data ends in 1-bit padding before every restart marker and at the end of the scan.
    /// </summary>
    public static byte[] Jpeg444(int width, int height, ExifSpec? exif = null, string? xmp = null, IReadOnlyList<string>? iptcKeywords = null, int restartInterval = 0) =>
        JpegWriter.Write(width, height, exif is null ? null : ExifEncoder.ToTiff(exif), xmp, iptcKeywords, restartInterval, subsampled: false);

    /// <summary>
    /// A baseline TIFF (little endian unless <paramref name="bigEndian"/>) of a uniform grey 8-bit picture, uncompressed,
    /// in strips of at most 8 KB (one row when a row is longer), with the Exif spec's tags in IFD0 / Exif IFD / GPS IFD.
    /// </summary>
    public static byte[] Tiff(int width, int height, ExifSpec? exif = null, bool bigEndian = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        const int StripBudget = 8192;
        var rowsPerStrip = Math.Clamp(StripBudget / width, 1, height);
        var strips = new List<byte[]>();
        for (var row = 0; row < height; row += rowsPerStrip)
        {
            var strip = new byte[checked(width * Math.Min(rowsPerStrip, height - row))];
            Array.Fill(strip, (byte)128);
            strips.Add(strip);
        }

        var ifd0 = exif is null ? new TiffIfd() : ExifEncoder.ToIfd0(exif);
        ifd0.AddLongs(0x0100, (uint)width)
            .AddLongs(0x0101, (uint)height)
            .AddShorts(0x0102, 8)
            .AddShorts(0x0103, 1)
            .AddShorts(0x0106, 1)
            .AddDataOffsets(0x0111, strips)
            .AddShorts(0x0115, 1)
            .AddLongs(0x0116, (uint)rowsPerStrip)
            .AddLongs(0x0117, strips.Select(s => (uint)s.Length).ToArray())
            .AddRationals(0x011A, (72, 1))
            .AddRationals(0x011B, (72, 1))
            .AddShorts(0x0128, 2);
        return TiffWriter.Write(ifd0, bigEndian);
    }

    /// <summary>
    /// A PNG (8-bit greyscale, uniform grey, zlib IDAT, correct CRCs) with an eXIf chunk holding <paramref name="exif"/>
    /// and a tEXt chunk per <paramref name="text"/> entry (iTXt for values outside Latin-1).
    /// </summary>
    public static byte[] Png(int width, int height, ExifSpec? exif = null, IReadOnlyDictionary<string, string>? text = null) =>
        PngWriter.Write(width, height, exif is null ? null : ExifEncoder.ToTiff(exif), text);

    /// <summary>
    /// A structurally valid HEIF file ('heic' brand) whose primary item 1 is a placeholder 'hvc1' image with ispe
    /// <paramref name="width"/> x <paramref name="height"/> (and irot when rotated), item 2 the Exif (big endian TIFF
    /// after a zero header offset) and item 3 the XMP. The picture is not decodable.
    /// </summary>
    public static byte[] Heic(int width, int height, ExifSpec? exif = null, string? xmp = null, int rotationAnticlockwiseDegrees = 0) =>
        HeifWriter.Write(width, height, exif is null ? null : ExifEncoder.ToTiff(exif, bigEndian: true), xmp, rotationAnticlockwiseDegrees);

    /// <summary>
    /// A Canon CR3 of <paramref name="width"/> x <paramref name="height"/> (IFD0's ImageWidth/ImageHeight) with the
    /// Exif spec's tags in CMT1 (IFD0), CMT2 (Exif IFD) and CMT4 (GPS IFD), a Canon makernote naming the model and
    /// firmware in CMT3, and <paramref name="xmp"/> in the top-level XMP uuid box. The picture is not decodable.
    /// </summary>
    public static byte[] Cr3(int width, int height, ExifSpec exif, string? xmp = null, byte[]? thumbnail = null) => Cr3Writer.Write(width, height, exif, xmp, thumbnail);

    /// <summary>
    /// An XMP packet with the given properties: dc:title, dc:description and dc:rights as x-default lang alternatives,
    /// dc:creator a seq, dc:subject a bag, xmp:Rating, xmp:Label, xmp:CreateDate, exif:DateTimeOriginal,
    /// photoshop:DateCreated, exif:GPSLatitude / GPSLongitude ("DDD,MM.mmmmmmmmk"), and the face regions, person names and
    /// keyword hierarchies of <paramref name="people"/>. Dates are written as given.
    /// </summary>
    public static string Xmp(string? title = null, string? description = null, string? creator = null, IReadOnlyList<string>? subjects = null,
        string? rights = null, int? rating = null, string? label = null, string? createDate = null, string? dateTimeOriginal = null,
        string? dateCreated = null, double? latitude = null, double? longitude = null, XmpPeopleAndKeywords? people = null) =>
        XmpPacket.Build(title, description, creator, subjects, rights, rating, label, createDate, dateTimeOriginal, dateCreated, latitude, longitude, people);
}
